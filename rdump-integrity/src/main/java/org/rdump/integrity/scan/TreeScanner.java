package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeSource;

/**
 * The live tree under a root directory as an asure-2.0 node stream, without hashes (the
 * {@code sha1} attribute is the hasher's job), in exactly rsure's layout: per directory its
 * sub-directories (recursively), {@code -}, its other entries, {@code u}; entries sorted by raw
 * name bytes; the root named {@code __root__}; attributes as RSURE-FORMAT.md §3.
 *
 * <p>Streaming: only the entries of the directories on the current path are held (memory is
 * depth × width of a directory, never the whole tree). Symlinks are not followed. Mount points
 * are not crossed: a sub-directory whose device differs from the root's is recorded with its own
 * attributes and an empty body. A directory that cannot be listed is recorded empty, and an
 * entry that vanishes or cannot be stat'ed is left out; both are logged and counted
 * ({@link #stats()}), and the scan goes on.
 *
 * <p>Entries are stat'ed in directory (readdir) order: Java's {@link DirectoryStream} does not
 * expose {@code d_ino}, so the inode-order stat that a C scanner can do is not available.
 *
 * <p>Names that are not valid UTF-8 are read as raw bytes (see {@code RawNames}). Entries of the
 * root that {@code excludeAtRoot} accepts (by raw name) are left out; {@code SureStore} uses this
 * to leave out the manifest's own files ({@code 2sure.*}) when the manifest lives in the tree,
 * a deliberate difference from rsure, which records its own store and temporary file.
 *
 * <p>Not thread-safe. {@link #close()} releases nothing but is required by {@link NodeSource}.
 *
 * @since 0.1
 */
public final class TreeScanner implements NodeSource {
    private static final NodeName ROOT = NodeName.of("__root__".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final Comparator<Entry> RAW = (a, b) -> Arrays.compareUnsigned(a.name, b.name);

    /** The entries of one directory on the current path. */
    private static final class Frame {
        final Path dir;
        final boolean list;
        Entry @Nullable [] dirs;
        Entry @Nullable [] files;
        int index;
        boolean inFiles;

        Frame(Path dir, boolean list) {
            this.dir = dir;
            this.list = list;
        }
    }

    private final Path root;
    private final Predicate<byte[]> excludeAtRoot;
    private final System.Logger log;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private boolean fastStat = FastStat.available();
    private final java.util.HashMap<String, String> scratch = new java.util.HashMap<>();
    private long rootDev;
    private boolean started;
    private @Nullable Entry last;
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
    public TreeScanner(Path root, Predicate<byte[]> excludeAtRoot, System.Logger log) {
        this.root = Objects.requireNonNull(root, "root");
        this.excludeAtRoot = Objects.requireNonNull(excludeAtRoot, "excludeAtRoot");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A scanner that excludes nothing and logs to {@code rdump.integrity.scan}. */
    public static TreeScanner of(Path root) {
        return new TreeScanner(root, n -> false, System.getLogger("rdump.integrity.scan"));
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
            stack.push(new Frame(root, true));
            return new Node.Enter(ROOT, r.attributes(scratch));
        }
        Frame f = stack.peek();
        if (f == null) {
            return null;
        }
        if (f.dirs == null) {
            list(f);
        }
        Entry[] dirs = Objects.requireNonNull(f.dirs);
        Entry[] fs = Objects.requireNonNull(f.files);
        if (!f.inFiles) {
            if (f.index < dirs.length) {
                Entry d = dirs[f.index];
                dirs[f.index++] = null; // what has been emitted need not be kept
                directories++;
                boolean sameDevice = d.dev == rootDev;
                if (!sameDevice) {
                    log.log(System.Logger.Level.INFO, "not crossing into the mount point {0}", d.path);
                }
                stack.push(new Frame(d.path, sameDevice));
                return new Node.Enter(NodeName.of(d.name), d.attributes(scratch));
            }
            f.inFiles = true;
            f.index = 0;
            return Node.SEP;
        }
        if (f.index < fs.length) {
            Entry e = fs[f.index];
            fs[f.index++] = null;
            files++;
            bytes += e.size;
            last = e;
            return new Node.File(NodeName.of(e.name), e.attributes(scratch));
        }
        stack.pop();
        return Node.LEAVE;
    }

    private void list(Frame f) {
        List<Entry> dirs = new ArrayList<>();
        List<Entry> others = new ArrayList<>();
        if (f.list) {
            boolean atRoot = stack.size() == 1;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(f.dir)) {
                for (Path p : ds) {
                    byte[] name = RawNames.fileName(p);
                    if (atRoot && excludeAtRoot.test(name)) {
                        continue;
                    }
                    try {
                        Entry e = Entry.stat(name, p, fastStat);
                        (e.isDirectory() ? dirs : others).add(e);
                    } catch (NoSuchFileException ex) {
                        vanished++;
                        log.log(System.Logger.Level.WARNING, "vanished during the scan: {0}", p);
                    } catch (IOException | RuntimeException ex) {
                        vanished++;
                        log.log(System.Logger.Level.WARNING, "cannot stat {0}: {1}", p, ex.toString());
                    }
                }
            } catch (IOException | RuntimeException ex) {
                unreadable++;
                log.log(System.Logger.Level.WARNING, "cannot list directory {0} (recorded as empty): {1}",
                        f.dir, ex.toString());
            }
        }
        Entry[] d = dirs.toArray(new Entry[0]);
        Entry[] o = others.toArray(new Entry[0]);
        Arrays.sort(d, RAW);
        Arrays.sort(o, RAW);
        f.dirs = d;
        f.files = o;
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
        fastStat = false;
        return this;
    }

    /** The root directory scanned. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        stack.clear();
    }
}
