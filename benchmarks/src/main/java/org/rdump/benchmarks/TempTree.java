package org.rdump.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates deterministic trees of files under a new temporary directory, for benchmarks. Contents
 * are pseudo-random (incompressible), from a fixed seed. Not thread-safe; delete with
 * {@link #delete}.
 */
final class TempTree {
    private TempTree() {}

    /** A new empty temporary directory whose name starts with {@code prefix}. */
    static Path newRoot(String prefix) throws IOException {
        String parent = System.getProperty("rdump.bench.tmp");
        return parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(Path.of(parent), prefix);
    }

    /**
     * Writes {@code count} files of {@code size} bytes each, {@code perDir} files per directory
     * ({@code d0000/f000000.bin}, ...), and returns them in creation order.
     */
    static List<Path> files(Path root, int count, long size, int perDir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        List<Path> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve(String.format("d%04d", i / perDir));
            Files.createDirectories(dir);
            Path f = dir.resolve(String.format("f%06d.bin", i));
            try (OutputStream os = Files.newOutputStream(f)) {
                long left = size;
                while (left > 0) {
                    fill(rnd, block);
                    int n = (int) Math.min(left, block.length);
                    os.write(block, 0, n);
                    left -= n;
                }
            }
            out.add(f);
        }
        return out;
    }

    private static void fill(SplittableRandom rnd, byte[] b) {
        for (int i = 0; i + 8 <= b.length; i += 8) {
            long v = rnd.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
    }

    /**
     * A tree of {@code dirs} directories spread over two levels ({@code a00/b000/...}), with
     * {@code filesPerDir} small files each (0..{@code maxSize} bytes).
     */
    static void smallFileTree(Path root, int dirs, int filesPerDir, int maxSize) throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] data = new byte[maxSize + 1];
        fill(rnd, data);
        for (int d = 0; d < dirs; d++) {
            Path dir = root.resolve(String.format("a%02d/b%03d", d / 20, d));
            Files.createDirectories(dir);
            for (int i = 0; i < filesPerDir; i++) {
                int n = rnd.nextInt(maxSize + 1);
                try (OutputStream os = Files.newOutputStream(dir.resolve(String.format("t%05d.dat", i)))) {
                    os.write(data, 0, n);
                }
            }
        }
    }

    /** Deletes the tree (best effort, for a benchmark's tear-down). */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
