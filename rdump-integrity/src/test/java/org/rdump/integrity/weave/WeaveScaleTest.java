package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.integrity.node.Attributes;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.node.NodeWriter;

/**
 * A large generated tree, streamed (never held in memory), through two versions. The size can be
 * raised with -Drdump.scale.files=N to measure; timings are printed.
 */
class WeaveScaleTest {
    @TempDir Path tmp;

    private static final int PER_DIR = 200;

    /** Writes the tree of version {@code v}: every 50th file changes, every 97th is gone in v2, some added. */
    static long writeTree(Path file, int files, int v) throws IOException {
        long count = 0;
        try (OutputStream os = Files.newOutputStream(file); NodeWriter w = new NodeWriter(os)) {
            Attributes dir = Attributes.of(Map.of("kind", "dir", "uid", "0", "gid", "0", "perm", "493"));
            w.write(new Node.Enter(NodeName.fromEscaped("__root__"), dir));
            int dirs = (files + PER_DIR - 1) / PER_DIR;
            for (int d = 0; d < dirs; d++) {
                w.write(new Node.Enter(name(String.format("d%06d", d)), dir));
                w.write(Node.SEP);
                for (int f = 0; f < PER_DIR && d * PER_DIR + f < files; f++) {
                    int i = d * PER_DIR + f;
                    if (v == 2 && i % 97 == 0) {
                        continue;
                    }
                    String sha = String.format("%040x", (long) i * 2654435761L + (v == 2 && i % 50 == 0 ? 1 : 0));
                    w.write(new Node.File(name(String.format("file %07d.dat", i)), Attributes.of(Map.of(
                            "kind", "file", "uid", "1000", "gid", "100", "perm", "420", "size", String.valueOf(i),
                            "mtime", "1700000000", "ctime", "1700000000", "ino", String.valueOf(i), "sha1", sha))));
                    count++;
                    if (v == 2 && i % 1000 == 0) {
                        w.write(new Node.File(name(String.format("file %07d.new", i)),
                                Attributes.of(Map.of("kind", "lnk", "targ", "x"))));
                        count++;
                    }
                }
                w.write(Node.LEAVE);
            }
            w.write(Node.SEP);
            w.write(Node.LEAVE);
        }
        return count;
    }

    private static NodeName name(String s) {
        return NodeName.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static long countFiles(NodeSource s) throws IOException {
        long n = 0;
        try (s) {
            for (Node x = s.next(); x != null; x = s.next()) {
                if (x instanceof Node.File) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void twoVersionsOfALargeTree() throws IOException {
        int files = Integer.getInteger("rdump.scale.files", 100_000);
        ManifestFile m = ManifestFile.at(tmp.resolve("big.dat.gz"));
        Path plain = tmp.resolve("plain");
        long t0 = System.nanoTime();
        long c1 = writeTree(plain, files, 1);
        long t1 = System.nanoTime();
        m.addVersion(Map.of("name", "v1"), plain);
        long t2 = System.nanoTime();
        long c2 = writeTree(plain, files, 2);
        long t3 = System.nanoTime();
        m.addVersion(Map.of("name", "v2"), plain);
        long t4 = System.nanoTime();
        assertThat(countFiles(m.read(1))).isEqualTo(c1);
        long t5 = System.nanoTime();
        assertThat(countFiles(m.read(2))).isEqualTo(c2);
        long t6 = System.nanoTime();
        long controls;
        try (WeaveScanner w = WeaveScanner.open(m.mainFile())) {
            long n = 0;
            while (w.advance()) {
                if (w.isControl()) {
                    n++;
                }
            }
            controls = n;
        }
        // I 1/E 1; per changed file one D and one I block (4 lines); per deleted or added file one block
        assertThat(controls).isLessThanOrEqualTo(2 + 4L * (files / 50 + 1) + 2L * (files / 97 + 1) + 2L * (files / 1000 + 1));
        System.out.printf("weave scale: %d files; write plain %d ms, first version %d ms, delta %d ms,"
                        + " read v1 %d ms, read v2 %d ms, weave %d bytes gz%n", files, ms(t1 - t0), ms(t2 - t1),
                ms(t4 - t3), ms(t5 - t4), ms(t6 - t5), Files.size(m.mainFile()));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
