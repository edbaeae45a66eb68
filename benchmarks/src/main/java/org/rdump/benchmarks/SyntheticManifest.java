package org.rdump.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.rdump.integrity.node.Attributes;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeWriter;

/**
 * Deterministic asure-2.0 streams of a tree of {@code 50 x 10} directories with 100 files each
 * (50,000 files, 551 directories), in versions: version {@code k} changes about 2% of the files
 * (new size, times and sha1) and lacks a different 0.5% of them (so each version both deletes
 * and re-adds files). Stateless.
 */
final class SyntheticManifest {
    static final int TOP = 50;
    static final int SUB = 10;
    static final int FILES = 100;
    static final int TOTAL_FILES = TOP * SUB * FILES;

    private SyntheticManifest() {}

    /** Writes version {@code k} (k >= 1) of the tree to {@code file} as a plain node stream. */
    static void write(Path file, int k) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); NodeWriter w = new NodeWriter(os)) {
            w.write(new Node.Enter(name("__root__"), dirAtts()));
            for (int d = 0; d < TOP; d++) {
                w.write(new Node.Enter(name(String.format("d%02d", d)), dirAtts()));
                for (int s = 0; s < SUB; s++) {
                    w.write(new Node.Enter(name(String.format("s%02d", s)), dirAtts()));
                    w.write(Node.SEP);
                    for (int i = 0; i < FILES; i++) {
                        int id = (d * SUB + s) * FILES + i;
                        if ((id + 7L * k) % 200 == 0) {
                            continue; // absent in this version
                        }
                        w.write(new Node.File(name(String.format("f%05d.dat", id)), fileAtts(id, generation(id, k))));
                    }
                    w.write(Node.LEAVE);
                }
                w.write(Node.SEP);
                w.write(Node.LEAVE);
            }
            w.write(Node.SEP);
            w.write(Node.LEAVE);
        }
    }

    /** How many times file {@code id} changed up to version {@code k}. */
    private static int generation(int id, int k) {
        int g = 0;
        for (int j = 2; j <= k; j++) {
            if (mix(id * 1_000L + j) % 50 == 0) {
                g++;
            }
        }
        return g;
    }

    private static NodeName name(String s) {
        return NodeName.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static Attributes dirAtts() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("kind", "dir");
        m.put("uid", "1000");
        m.put("gid", "1000");
        m.put("perm", "493");
        return Attributes.of(m);
    }

    private static Attributes fileAtts(int id, int gen) {
        long h = mix(id * 31L + gen);
        TreeMap<String, String> m = new TreeMap<>();
        m.put("kind", "file");
        m.put("uid", "1000");
        m.put("gid", "1000");
        m.put("perm", "420");
        m.put("ino", Long.toString(1_000_000L + id * 3L + gen));
        m.put("size", Long.toString(Math.floorMod(h, 1 << 20)));
        m.put("mtime", Long.toString(1_700_000_000L + Math.floorMod(h >>> 7, 10_000_000) + gen * 100_000L));
        m.put("ctime", Long.toString(1_700_000_000L + Math.floorMod(h >>> 9, 10_000_000) + gen * 100_000L));
        m.put("sha1", String.format("%016x%016x%08x", h, mix(h), (int) mix(h + 1)));
        return Attributes.of(m);
    }

    /** A 64-bit mixing function (SplitMix64's finaliser). */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
