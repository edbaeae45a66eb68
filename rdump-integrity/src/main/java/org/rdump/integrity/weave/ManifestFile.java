package org.rdump.integrity.weave;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rdump.api.IntegrityException;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeReader;
import org.rdump.integrity.node.NodeSink;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.node.StructureChecker;

/**
 * An rsure weave file holding every version of a tree's manifest (RSURE-FORMAT.md §6). Names as
 * rsure: a directory means {@code <dir>/2sure.dat.gz}; the suffix {@code .gz} means gzip,
 * {@code .zstd} zstd, anything else plain; the base name drops the compression suffix and then
 * {@code .weave}, {@code .dat} or {@code .bak}; the main file is {@code BASE.dat[.gz|.zstd]}, the
 * backup {@code BASE.bak[.gz|.zstd]}, temporaries {@code BASE.0}, {@code BASE.1}, ... (create-new).
 *
 * <p>Reading streams the file; {@link #addVersion} rewrites it streaming with memory bounded by the
 * tree depth. Not safe for concurrent writers (callers hold a lock).
 *
 * @since 0.1
 */
public final class ManifestFile {
    private final Path main;
    private final Path backup;
    private final Path base;
    private final Compression compression;

    private ManifestFile(Path main, Path backup, Path base, Compression compression) {
        this.main = main;
        this.backup = backup;
        this.base = base;
        this.compression = compression;
    }

    /**
     * @param mainFile the weave file (or a directory, meaning {@code 2sure.dat.gz} in it); never null
     * @return the manifest; never null
     */
    public static ManifestFile at(Path mainFile) {
        Path p = Files.isDirectory(mainFile) ? mainFile.resolve("2sure.dat.gz") : mainFile;
        String name = Objects.requireNonNull(p.getFileName(), "mainFile has no file name").toString();
        Compression c = Compression.ofName(name);
        String stem = name.substring(0, name.length() - c.suffix.length());
        for (String s : new String[] {".weave", ".dat", ".bak"}) {
            if (stem.endsWith(s)) {
                stem = stem.substring(0, stem.length() - s.length());
                break;
            }
        }
        Path dir = p.toAbsolutePath().getParent();
        return new ManifestFile(dir.resolve(stem + ".dat" + c.suffix), dir.resolve(stem + ".bak" + c.suffix),
                dir.resolve(stem), c);
    }

    /** The main file, {@code BASE.dat[.gz|.zstd]}. */
    public Path mainFile() {
        return main;
    }

    /** The backup file, {@code BASE.bak[.gz|.zstd]} (the main file before the last write). */
    public Path backupFile() {
        return backup;
    }

    /** Whether the main file exists. */
    public boolean exists() {
        return Files.exists(main);
    }

    /**
     * @return the versions, newest first; empty when the file does not exist
     * @throws IntegrityException when the header cannot be read
     */
    public List<DeltaInfo> versions() {
        if (!exists()) {
            return List.of();
        }
        List<DeltaInfo> d;
        try (WeaveScanner w = WeaveScanner.open(main)) {
            d = new ArrayList<>(w.deltas());
        } catch (IOException e) {
            throw new IntegrityException(main, "cannot close: " + e, e);
        }
        d.sort((a, b) -> Integer.compare(b.number(), a.number()));
        return Collections.unmodifiableList(d);
    }

    /**
     * @return the number of the newest version
     * @throws IntegrityException when the file does not exist or holds no version
     */
    public int latest() {
        List<DeltaInfo> v = versions();
        if (v.isEmpty()) {
            throw new IntegrityException(main, "the manifest holds no version", null);
        }
        return v.get(0).number();
    }

    /**
     * Streams one version. The caller closes the source. Malformed content is reported when it is
     * reached, as an {@link IntegrityException} naming the main file and the weave line.
     *
     * @param version a version number listed by {@link #versions()}
     * @throws IntegrityException when the file cannot be read or has no such version
     */
    public NodeSource read(int version) {
        WeaveScanner w = WeaveScanner.open(main);
        boolean known = w.deltas().stream().anyMatch(d -> d.number() == version);
        if (!known) {
            try {
                w.close();
            } catch (IOException ignored) {
                // reporting the missing version instead
            }
            throw new IntegrityException(main, "no version " + version + " (versions: "
                    + w.deltas().stream().map(d -> String.valueOf(d.number())).reduce((a, b) -> a + ", " + b)
                            .orElse("none") + ")", null);
        }
        return new NodeReader(new VersionLines(w, version), main.toString(), true);
    }

    /**
     * Creates (create-new) an empty temporary file {@code BASE.N} next to the main file, for the
     * engine to write a plain node stream into. The caller deletes it.
     */
    public Path tempFileForStream() {
        try {
            for (int i = 0; ; i++) {
                Path t = tempName(i);
                try {
                    Files.createFile(t);
                    return t;
                } catch (FileAlreadyExistsException e) {
                    // next number
                }
            }
        } catch (IOException e) {
            throw new IntegrityException(main, "cannot create a temporary file: " + e, e);
        }
    }

    private Path tempName(int i) {
        return base.resolveSibling(base.getFileName() + "." + i);
    }

    /**
     * Whether {@code candidate} is one of the temporary files of the manifest {@code manifest}:
     * {@code BASE.N} (N one or more decimal digits) in the main file's directory, as
     * {@link #addVersion} and {@link #tempFileForStream} (and rsure) create them. Pure: looks at the
     * names only.
     *
     * @param manifest the main file, or a directory meaning its {@code 2sure.dat.gz}; never null
     * @param candidate any path; never null
     */
    public static boolean isTemp(Path manifest, Path candidate) {
        ManifestFile mf = at(manifest);
        Path dir = candidate.toAbsolutePath().normalize().getParent();
        Path name = candidate.getFileName();
        return name != null && dir != null && dir.equals(mf.base.normalize().getParent())
                && isTempName(mf.base.getFileName().toString(), name.toString());
    }

    /**
     * The temporary files ({@link #isTemp}) beside the manifest, sorted by name: what a killed
     * update leaves behind, for a crash recovery to delete. Call it only while no update of this
     * manifest runs (under the run's lock), since a running update's temporaries look the same.
     *
     * @param manifest the main file, or a directory meaning its {@code 2sure.dat.gz}; never null
     * @return the leftovers; never null, empty when there are none or the directory does not exist
     * @throws IntegrityException when the directory cannot be listed
     */
    public static List<Path> leftoverTemps(Path manifest) {
        ManifestFile mf = at(manifest);
        Path dir = mf.base.getParent();
        String baseName = mf.base.getFileName().toString();
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isTempName(baseName, p.getFileName().toString()) && !Files.isDirectory(p))
                    .sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            throw new IntegrityException(dir, "cannot list the directory to find leftover temporary files of "
                    + mf.main.getFileName() + ": " + e, e);
        }
    }

    /** Whether {@code name} is {@code baseName + "." + digits}. */
    static boolean isTempName(String baseName, String name) {
        int n = baseName.length() + 1;
        if (name.length() <= n || !name.startsWith(baseName) || name.charAt(n - 1) != '.') {
            return false;
        }
        for (int i = n; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds a version whose content is the asure-2.0 stream in {@code plainNodeStream}. The first
     * version is written when the file does not exist; otherwise the delta against the latest
     * version is woven in by a streaming merge. The new weave goes to a create-new temporary file,
     * is synced, then the main file becomes the backup and the temporary the main file. On any
     * failure the main file is left as it was and the temporary file is removed.
     *
     * @param tags the tags; must hold {@code name}; never null
     * @param plainNodeStream an uncompressed asure-2.0 file; never null
     * @return the new version; never null
     * @throws IntegrityException when a file cannot be read or written or the stream is malformed
     */
    public DeltaInfo addVersion(Map<String, String> tags, Path plainNodeStream) {
        return addVersion(tags, plainNodeStream, Instant.now());
    }

    /**
     * As {@link #addVersion(Map, Path)}, recording {@code time} as the version's time (for tests and
     * for reproducing a file exactly).
     */
    public DeltaInfo addVersion(Map<String, String> tags, Path plainNodeStream, Instant time) {
        Objects.requireNonNull(plainNodeStream, "plainNodeStream");
        return write(tags, time, copyOf(plainNodeStream)).version();
    }

    private <R> Added<R> write(Map<String, String> tags, Instant time, LinesBody<R> body) {
        Objects.requireNonNull(time, "time");
        String name = tags.get("name");
        if (name == null) {
            throw new IllegalArgumentException("tags must hold \"name\", got " + tags.keySet());
        }
        boolean first = !exists();
        FileChannel ch = null;
        Path tmp = null;
        try {
            for (int i = 0; ch == null; i++) {
                try {
                    tmp = tempName(i);
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    // next number
                }
            }
            DeltaInfo added;
            Object[] result = new Object[1];
            OutputStream compressed = compression.compress(new SyncingOutputStream(ch));
            // compressing runs on a helper thread, beside the scan and merge (benchmarks/RESULTS.md)
            try (OutputStream os = compression == Compression.PLAIN ? compressed
                    : new BackgroundOutputStream(compressed, "rdump-weave-compress")) {
                added = first ? writeFirst(tags, name, time, body, result, os)
                        : writeDelta(tags, name, time, body, result, os);
            }
            ch = null;
            install(tmp);
            tmp = null;
            @SuppressWarnings("unchecked")
            R r = (R) result[0];
            return new Added<>(added, r);
        } catch (IOException e) {
            throw new IntegrityException(main, "cannot write a new version: " + e, e);
        } catch (UncheckedIOException e) {
            throw new IntegrityException(main, "cannot write a new version: " + e.getCause(), e.getCause());
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /**
     * Produces the nodes of a new version, optionally reading the previous one, for
     * {@link #addVersion(Map, Instant, VersionBody)}.
     *
     * @param <R> what the body returns (counts, say)
     */
    @FunctionalInterface
    public interface VersionBody<R> {
        /**
         * @param previous the latest version's nodes, read from the weave being rewritten (null when
         *     this is the first version); read it in step with the nodes written (no further ahead
         *     than needed to decide the next node) or not at all; never close it
         * @param out receives the new version's nodes in tree-walk order; never null
         */
        R write(@Nullable NodeSource previous, NodeSink out) throws IOException;
    }

    /**
     * A version added and what its body returned.
     *
     * @param version the new version; never null
     * @param result the body's result
     */
    public record Added<R>(DeltaInfo version, R result) {
    }

    /**
     * Adds a version whose nodes {@code body} writes, streaming: the weave is read once, its
     * latest version handed to {@code body} and merged with the nodes {@code body} writes as they
     * arrive; no temporary node stream. Crash-safe as {@link #addVersion(Map, Path, Instant)}.
     *
     * @param tags the tags; must hold {@code name}; never null
     * @param time the version's time (the header is written before the body runs)
     * @throws IntegrityException when a file cannot be read or written, the weave is malformed, or
     *     the body fails (its {@link IOException} is the cause)
     */
    public <R> Added<R> addVersion(Map<String, String> tags, Instant time, VersionBody<R> body) {
        return write(tags, time, (previous, merge) -> body.write(previous, merge));
    }

    /** The internal body: the previous version (or null) and where its lines go, with their exact text. */
    @FunctionalInterface
    private interface LinesBody<R> {
        R write(@Nullable NodeSource previous, LineSink out) throws IOException;
    }

    /** Receives nodes with their exact lines; {@link NodeSink#write} renders the line itself. */
    private interface LineSink extends NodeSink {
        void write(Node node, String line) throws IOException;

        @Override
        default void write(Node node) throws IOException {
            write(node, node.line());
        }
    }

    private static LinesBody<Void> copyOf(Path plain) {
        return (previous, out) -> {
            try (NodeReader r = NodeReader.open(plain)) {
                for (Node n = r.next(); n != null; n = r.next()) {
                    out.write(n, Objects.requireNonNull(r.lastLine()));
                }
            }
            return null;
        };
    }

    private DeltaInfo writeFirst(Map<String, String> tags, String name, Instant time, LinesBody<?> body,
                                 Object[] result, OutputStream os) throws IOException {
        DeltaInfo d = new DeltaInfo(1, name, tags, time);
        LineOutput out = new LineOutput(os);
        out.line(WeaveHeader.render(List.of(d)));
        out.line("\u0001I 1");
        out.line("asure-2.0");
        out.line("-----");
        StructureChecker checker = new StructureChecker();
        result[0] = body.write(null, (node, line) -> {
            String problem = checker.accept(node);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            out.line(line);
        });
        String problem = checker.end();
        if (problem != null) {
            throw new IllegalStateException("incomplete node stream: " + problem);
        }
        out.line("\u0001E 1");
        out.flushBuffer();
        return d;
    }

    private DeltaInfo writeDelta(Map<String, String> tags, String name, Instant time, LinesBody<?> body,
                                 Object[] result, OutputStream os) throws IOException {
        try (WeaveScanner w = WeaveScanner.open(main)) {
            List<DeltaInfo> old = w.deltas();
            int previous = old.stream().mapToInt(DeltaInfo::number).max().orElseThrow(
                    () -> new IntegrityException(main, 1, "the manifest holds no version", null));
            DeltaInfo d = new DeltaInfo(previous + 1, name, tags, time);
            List<DeltaInfo> all = new ArrayList<>(old);
            all.add(d);
            LineOutput out = new LineOutput(os);
            out.line(WeaveHeader.render(all));
            WeaveMerger merger = new WeaveMerger(w, previous, d.number(), out);
            merger.start();
            StructureChecker checker = new StructureChecker();
            result[0] = body.write(merger.previousNodes(), (node, line) -> {
                String problem = checker.accept(node);
                if (problem != null) {
                    throw new IllegalStateException(problem);
                }
                merger.accept(node, line);
            });
            String problem = checker.end();
            if (problem != null) {
                throw new IllegalStateException("incomplete node stream: " + problem);
            }
            merger.finish();
            out.flushBuffer();
            return d;
        }
    }

    /** Keeps the old main file as the backup, moves the synced temporary into place, syncs the directory. */
    private void install(Path tmp) throws IOException {
        if (Files.exists(main)) {
            Files.deleteIfExists(backup);
            try {
                Files.createLink(backup, main);
                moveAtomically(tmp, main);
            } catch (UnsupportedOperationException | IOException linkFailed) {
                if (Files.exists(backup) && Files.isSameFile(backup, main)) {
                    throw linkFailed;
                }
                Files.move(main, backup, StandardCopyOption.REPLACE_EXISTING);
                try {
                    moveAtomically(tmp, main);
                } catch (IOException e) {
                    Files.move(backup, main);
                    throw e;
                }
            }
        } else {
            moveAtomically(tmp, main);
        }
        syncDirectory(main.getParent());
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not possible on every platform; the data itself is synced
        }
    }

    /** Writes to a channel; on close forces the data to disk, then closes the channel. */
    private static final class SyncingOutputStream extends OutputStream {
        private final FileChannel ch;

        SyncingOutputStream(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                ch.force(true);
            } finally {
                ch.close();
            }
        }
    }

    @Override
    public String toString() {
        return "ManifestFile[" + main + "]";
    }
}
