package org.rdump.integrity;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.compare.TreeMerge;
import org.rdump.integrity.hash.HashOptions;
import org.rdump.integrity.hash.HashProgress;
import org.rdump.integrity.hash.ParallelHasher;
import org.rdump.integrity.node.Attributes;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeSink;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.node.NodeWriter;
import org.rdump.integrity.scan.TreeScanner;
import org.slf4j.Logger;

/**
 * Computes a new version of a tree's manifest (RSURE-FORMAT.md §4): a fresh scan merged with the
 * previous version in tree order; a regular file keeps its previous {@code sha1} iff the previous
 * version has a regular file at the same path with the same {@code ino}, {@code ctime},
 * {@code size} and {@code mtime} (and a {@code sha1}; rsure compares ino and ctime only, so this
 * rehashes in a few more cases, never fewer); every other regular file is hashed on the {@link ParallelHasher}. The result is
 * written to a {@link NodeSink}: a plain asure-2.0 stream, or straight into the weave merge. Memory is bounded (streams and the hasher's window).
 *
 * <p>Paths are paired by raw name ({@link TreeMerge}), so unlike rsure (quirk Q1) a file next to
 * a name with escaped bytes keeps its hash. Stateless apart from its options; thread-safe.
 *
 * @since 0.1
 */
public final class Updater {
    private final HashOptions options;
    private final Consumer<HashProgress> progress;
    private final Logger log;

    public Updater(HashOptions options, Consumer<HashProgress> progress, Logger log) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Scans, merges and hashes, writing the new stream to {@code out} (closed on return).
     *
     * @param previous the previous version, or null to hash every file; closed on return
     * @throws IOException when the scan root, the previous version or {@code out} fails
     *     (unreadable files and vanished entries are counted, not thrown)
     */
    public UpdateCounts write(@Nullable NodeSource previous, TreeScanner scan, OutputStream out) throws IOException {
        return write(previous, Long.MAX_VALUE, scan, out);
    }

    /**
     * As {@link #write(NodeSource, TreeScanner, OutputStream)}, reusing a hash only when the
     * file's ctime is also before {@code reuseBeforeSecond}. ctime has whole seconds, so a file
     * rewritten in the same second as the previous version was taken would keep its ino and ctime
     * and, by rsure's rule alone, its stale hash ("racy" entries, as git calls them); passing the
     * previous version's time (in epoch seconds, rounded down) rehashes those files instead.
     */
    public UpdateCounts write(@Nullable NodeSource previous, long reuseBeforeSecond, TreeScanner scan,
                              OutputStream out) throws IOException {
        try (NodeWriter writer = new NodeWriter(out)) {
            return write(previous, reuseBeforeSecond, scan, writer);
        }
    }

    /**
     * As {@link #write(NodeSource, long, TreeScanner, OutputStream)}, handing the new version's
     * nodes to {@code writer} in order (a plain stream, or a weave merge that weaves them into the
     * manifest as they come). {@code previous} is read in step with the scan, a few thousand nodes
     * (the hasher's window) ahead of the nodes written; it is closed on return.
     */
    public UpdateCounts write(@Nullable NodeSource previous, long reuseBeforeSecond, TreeScanner scan,
                              NodeSink writer) throws IOException {
        long[] reused = new long[1];
        long hashedBytes = 0;
        // The previous version's figures, counted as the merge passes its nodes (read once, here).
        long previousFiles = 0;
        long previousBytes = 0;
        NodeSource old = previous != null ? previous : emptyTree();
        try (TreeMerge merge = new TreeMerge(old, scan);
             ParallelHasher<Node> hasher = new ParallelHasher<>(options, (node, r) -> {
                 if (r.sha1() != null && node instanceof Node.File f) {
                     writer.write(new Node.File(f.name(), f.atts().with("sha1", r.sha1())));
                     return;
                 }
                 if (r.error() != null) {
                     log.warn("cannot read a file (left without sha1): {}",
                             r.error().toString());
                 }
                 writer.write(node);
             }, progress)) {
            for (TreeMerge.Step s = merge.next(); s != null; s = merge.next()) {
                if (s.left() instanceof Node.File was) {
                    previousFiles++;
                    previousBytes += size(was.atts());
                }
                Node n = s.right();
                if (n == null) {
                    continue;
                }
                if (s.file() != null && n instanceof Node.File f) {
                    String sha1 = reusable(s.left(), f.atts(), reuseBeforeSecond);
                    if (sha1 != null) {
                        reused[0]++;
                        hasher.submit(new Node.File(f.name(), f.atts().with("sha1", sha1)), null, 0);
                    } else {
                        hashedBytes += s.size();
                        hasher.submit(n, s.file(), s.size());
                    }
                } else {
                    hasher.submit(n, null, 0);
                }
            }
            hasher.finish();
            var st = scan.stats();
            return new UpdateCounts(st.directories(), st.files(), st.bytes(), hasher.submittedFiles(),
                    hashedBytes, reused[0], hasher.failedFiles(), st.vanished() + st.unreadableDirectories(),
                    previous == null ? -1 : previousFiles, previous == null ? -1 : previousBytes);
        }
    }

    /** A node's {@code size} attribute; 0 for kinds without one (links, devices) or a malformed one. */
    private static long size(Attributes atts) {
        String s = atts.getOrNull("size");
        if (s == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static @Nullable String reusable(@Nullable Node previous, Attributes now, long beforeSecond) {
        if (!(previous instanceof Node.File p)) {
            return null;
        }
        Attributes was = p.atts();
        if (!"file".equals(was.kind()) || !"file".equals(now.kind())) {
            return null;
        }
        String ino = was.getOrNull("ino");
        String ctime = was.getOrNull("ctime");
        if (ino == null || ctime == null || !ino.equals(now.getOrNull("ino")) || !ctime.equals(now.getOrNull("ctime"))
                || !same(was, now, "size") || !same(was, now, "mtime")) {
            return null;
        }
        if (beforeSecond != Long.MAX_VALUE) {
            try {
                if (Long.parseLong(ctime) >= beforeSecond) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return was.getOrNull("sha1");
    }

    /** Whether both have the attribute with the same value, or neither has it. */
    private static boolean same(Attributes a, Attributes b, String key) {
        return java.util.Objects.equals(a.getOrNull(key), b.getOrNull(key));
    }

    /** A tree with nothing but its root (the previous version of a first scan). */
    static NodeSource emptyTree() {
        return new NodeSource() {
            private int i;

            @Override
            public @Nullable Node next() {
                return switch (i++) {
                    case 0 -> new Node.Enter(NodeName.of("__root__".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                            Attributes.EMPTY);
                    case 1 -> Node.SEP;
                    case 2 -> Node.LEAVE;
                    default -> null;
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
