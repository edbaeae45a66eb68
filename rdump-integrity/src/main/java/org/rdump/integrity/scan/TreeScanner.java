package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tree under a root directory as an asure-2.0 node stream, without hashes (the
 * {@code sha1} attribute is the hasher's job), in exactly rsure's layout: per directory its
 * sub-directories (recursively), {@code -}, its other entries, {@code u}; entries sorted by raw
 * name bytes; the root named {@code __root__}; attributes as RSURE-FORMAT.md §3.
 *
 * <p>Streaming: only the entries of the directories on the current path are held, plus up to four
 * sibling directories read ahead on a helper thread (memory is depth × width of a directory,
 * never the whole tree). Symlinks are not followed. Mount points
 * are not crossed: a sub-directory whose device differs from the root's is recorded with its own
 * attributes and an empty body. A directory that cannot be listed is recorded empty, and an
 * entry that vanishes or cannot be stat'ed is left out; both are logged and counted
 * ({@link #stats()}), and the scan goes on.
 *
 * <p>Directories are read by a {@link DirectoryReader}: on JDK 17 Java's {@code DirectoryStream},
 * entries stat'ed in readdir order (it does not expose {@code d_ino}); on JDK 22+ (the
 * multi-release jar) with {@code -Drdump.scan.ffm=true}, {@code getdents64} and {@code statx}
 * through the FFM API, entries stat'ed in inode order (opt-in: see {@code DirectoryReaders}).
 * Both give the same stream.
 *
 * <p>Names that are not valid UTF-8 are read as raw bytes (see {@code RawNames}). Entries of the
 * root that {@code excludeAtRoot} accepts (by raw name) are left out; {@code SureStore} uses this
 * to leave out the manifest's own files ({@code 2sure.*}) when the manifest lives in the tree,
 * a deliberate difference from rsure, which records its own store and temporary file.
 *
 * <p>Performance: with {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED} the scanner reads raw
 * names and stat fields straight from the JDK's objects ({@code RawNames}, {@code FastStat});
 * without it, it falls back to portable (slower) calls with the same result.
 *
 * <p>Not thread-safe. {@link #close()} stops the read-ahead thread.
 *
 * @since 0.1
 */
public final class TreeScanner implements NodeSource {
    private static final NodeName ROOT = NodeName.of("__root__".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    /** How many sibling directories are read ahead on the helper thread. */
    private static final int READ_AHEAD = 4;

    /** One directory on the current path. */
    private static final class Frame {
        final Path dir;
        final boolean list;
        @Nullable Future<Listing> ahead;
        @Nullable Listing listing;
        @Nullable Future<Listing>[] childAhead;
        int index;
        boolean inFiles;

        Frame(Path dir, boolean list, @Nullable Future<Listing> ahead) {
            this.dir = dir;
            this.list = list;
            this.ahead = ahead;
        }
    }

    private final Path root;
    private final Predicate<byte[]> excludeAtRoot;
    private final Logger log;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private DirectoryReader reader = DirectoryReaders.best(true);
    private @Nullable ExecutorService helper;
    private boolean started;
    private @Nullable Entry last;
    private long rootDev;
    private long directories;
    private long files;
    private long bytes;
    private long unreadable;
    private long vanished;

    /**
     * @param root the directory to scan; never null
     * @param excludeAtRoot raw names of root entries to leave out; never null
     * @param log receives a warning per unreadable directory or vanished entry
     */
    public TreeScanner(Path root, Predicate<byte[]> excludeAtRoot, Logger log) {
        this.root = Objects.requireNonNull(root, "root");
        this.excludeAtRoot = Objects.requireNonNull(excludeAtRoot, "excludeAtRoot");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A scanner that excludes nothing and logs to {@code rdump.integrity.scan}. */
    public static TreeScanner of(Path root) {
        return new TreeScanner(root, n -> false, LoggerFactory.getLogger("rdump.integrity.scan"));
    }

    @Override
    public @Nullable Node next() throws IOException {
        last = null;
        if (!started) {
            started = true;
            Entry r = Entry.stat(new byte[0], root);
            if (!r.isDirectory()) {
                throw new IOException(root + " is not a directory");
            }
            rootDev = r.dev;
            helper = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, "rdump-scan-ahead");
                t.setDaemon(true);
                return t;
            });
            stack.push(new Frame(root, true, null));
            return new Node.Enter(ROOT, r.attributes());
        }
        Frame f = stack.peek();
        if (f == null) {
            return null;
        }
        Listing l = f.listing;
        if (l == null) {
            l = open(f);
        }
        if (!f.inFiles) {
            if (f.index < l.dirs.length) {
                int i = f.index++;
                Entry d = l.dirs[i];
                directories++;
                boolean sameDevice = d.dev == rootDev;
                if (!sameDevice) {
                    log.info("not crossing into the mount point {}", d.path);
                }
                Future<Listing> ahead = f.childAhead == null ? null : f.childAhead[i];
                if (f.childAhead != null) {
                    f.childAhead[i] = null;
                    readAhead(f, l, i + READ_AHEAD);
                }
                stack.push(new Frame(d.path, sameDevice, ahead));
                return l.dirNodes[i];
            }
            f.inFiles = true;
            f.index = 0;
            return Node.SEP;
        }
        if (f.index < l.files.length) {
            int i = f.index++;
            Entry e = l.files[i];
            files++;
            bytes += e.size;
            last = e;
            return l.fileNodes[i];
        }
        stack.pop();
        return Node.LEAVE;
    }

    /** The listing of {@code f}: read ahead already, or read now; then starts reading its first sub-directories. */
    @SuppressWarnings("unchecked")
    private Listing open(Frame f) throws IOException {
        Listing l;
        if (!f.list) {
            l = Listing.EMPTY;
        } else if (f.ahead != null) {
            try {
                l = f.ahead.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while scanning " + f.dir);
            } catch (ExecutionException e) {
                throw new IOException("cannot read " + f.dir + ": " + e.getCause(), e.getCause());
            }
        } else {
            l = Listing.read(f.dir, stack.size() == 1 ? excludeAtRoot : n -> false, reader, log);
        }
        f.ahead = null;
        f.listing = l;
        vanished += l.vanished;
        if (l.unreadable) {
            unreadable++;
        }
        if (l.dirs.length > 0 && helper != null) {
            f.childAhead = new Future[l.dirs.length];
            for (int i = 0; i < Math.min(READ_AHEAD, l.dirs.length); i++) {
                readAhead(f, l, i);
            }
        }
        return l;
    }

    private void readAhead(Frame f, Listing l, int i) {
        ExecutorService h = helper;
        @Nullable Future<Listing>[] ahead = f.childAhead;
        if (h == null || ahead == null || i >= l.dirs.length || l.dirs[i].dev != rootDev) {
            return;
        }
        Path dir = l.dirs[i].path;
        DirectoryReader r = reader;
        ahead[i] = h.submit(() -> Listing.read(dir, n -> false, r, log));
    }

    /**
     * The path of the node returned by the last {@link #next()} call when it was a regular file,
     * else null (used to hash it).
     */
    public @Nullable Path lastRegularFile() {
        Entry e = last;
        return e != null && e.isRegularFile() ? e.path : null;
    }

    /** The stat size of the last node returned, when it was a non-directory; else 0. */
    public long lastSize() {
        Entry e = last;
        return e == null ? 0 : e.size;
    }

    /** The counts so far (final once {@link #next()} returned null). */
    public ScanStats stats() {
        return new ScanStats(directories, files, bytes, unreadable, vanished);
    }

    /** Uses the portable stat even when the fast one is available (for tests). */
    TreeScanner portableStat() {
        if (started) {
            throw new IllegalStateException("portableStat() after the scan started");
        }
        reader = new PortableDirectoryReader(false);
        return this;
    }

    /** Uses {@code r} to read directories (for tests and benchmarks). */
    TreeScanner reader(DirectoryReader r) {
        if (started) {
            throw new IllegalStateException("reader() after the scan started");
        }
        reader = Objects.requireNonNull(r, "r");
        return this;
    }

    /** The name of the directory reader in use ({@code portable}, {@code ffm}, ...). */
    public String readerName() {
        return reader.name();
    }

    /** The root directory scanned. */
    public Path root() {
        return root;
    }

    /** Stops the read-ahead thread. */
    @Override
    public void close() {
        stack.clear();
        ExecutorService h = helper;
        if (h != null) {
            h.shutdownNow();
        }
    }
}
