package org.rdump.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.rdump.integrity.node.Attributes;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeSink;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.weave.ManifestFile;

/**
 * Goal 4 of issue 11: a weave of N synthetic entries (generated, never held in memory) gets a
 * first version, then a second one (2% changed, 1% deleted, 0.1% added) through the streaming
 * {@link ManifestFile#addVersion(Map, Instant, ManifestFile.VersionBody)}, and both versions are
 * read back; prints the seconds and nanoseconds per entry of each step and the heap limit. Run it
 * with the heap to prove, e.g.
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar org.rdump.benchmarks.WeaveScaleMain 10000000 DIR}.
 */
public final class WeaveScaleMain {
    private static final int PER_DIR = 1000;

    private WeaveScaleMain() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "bench-work/weave-scale"));
        Path file = dir.resolve("scale-" + n + ".dat.gz");
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("scale-" + n + ".bak.gz"));
        ManifestFile m = ManifestFile.at(file);
        System.out.printf("entries %,d, max heap %d MiB%n", n, Runtime.getRuntime().maxMemory() >> 20);
        long t = System.nanoTime();
        m.addVersion(Map.of("name", "v1"), Instant.ofEpochSecond(1_700_000_000L), (prev, out) -> write(out, n, 1));
        t = report("add version 1", n, t);
        // the merge reads the previous version as it needs it (the body does not read it)
        m.addVersion(Map.of("name", "v2"), Instant.ofEpochSecond(1_700_086_400L), (prev, out) -> write(out, n, 2));
        t = report("add version 2", n, t);
        long c2 = count(m.read(2));
        t = report("read version 2 (" + c2 + " files)", n, t);
        long c1 = count(m.read(1));
        report("read version 1 (" + c1 + " files)", n, t);
        System.out.printf("weave %,d bytes%n", Files.size(file));
    }

    private static long report(String what, int n, long since) {
        long now = System.nanoTime();
        double s = (now - since) / 1e9;
        System.out.printf("%-32s %8.2f s %8.0f ns/entry%n", what, s, (now - since) / (double) n);
        return now;
    }

    private static long count(NodeSource s) throws IOException {
        long files = 0;
        try (s) {
            for (Node x = s.next(); x != null; x = s.next()) {
                if (x instanceof Node.File) {
                    files++;
                }
            }
        }
        return files;
    }

    /** Version v of the tree: every 50th file changed in v2, every 100th gone, every 1000th a new link. */
    private static long write(NodeSink w, int files, int v) throws IOException {
        Attributes dir = Attributes.of(Map.of("kind", "dir", "uid", "0", "gid", "0", "perm", "493"));
        w.write(new Node.Enter(NodeName.fromEscaped("__root__"), dir));
        int dirs = (files + PER_DIR - 1) / PER_DIR;
        long count = 0;
        for (int d = 0; d < dirs; d++) {
            w.write(new Node.Enter(name("d" + pad(d, 6)), dir));
            w.write(Node.SEP);
            for (int f = 0; f < PER_DIR && d * PER_DIR + f < files; f++) {
                int i = d * PER_DIR + f;
                if (v == 2 && i % 100 == 7) {
                    continue;
                }
                boolean changed = v == 2 && i % 50 == 0;
                String sha = hex40((long) i * 2654435761L + (changed ? 1 : 0));
                w.write(new Node.File(name("file-" + pad(i, 8) + ".dat"), Attributes.of(Map.of(
                        "kind", "file", "uid", "1000", "gid", "100", "perm", "420", "size", String.valueOf(i),
                        "mtime", changed ? "1700050000" : "1700000000", "ctime", changed ? "1700050000" : "1700000000",
                        "ino", String.valueOf(i), "sha1", sha))));
                count++;
                if (v == 2 && i % 1000 == 0) {
                    w.write(new Node.File(name("file-" + pad(i, 8) + ".new"),
                            Attributes.of(Map.of("kind", "lnk", "targ", "x"))));
                    count++;
                }
            }
            w.write(Node.LEAVE);
        }
        w.write(Node.SEP);
        w.write(Node.LEAVE);
        return count;
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String hex40(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(40 - s.length()) + s;
    }

    private static NodeName name(String s) {
        return NodeName.of(s.getBytes(StandardCharsets.US_ASCII));
    }
}
