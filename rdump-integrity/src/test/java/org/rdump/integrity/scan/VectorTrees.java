package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rdump.testkit.RequiredTools;

/** The rsure interoperability vectors' tree (built by their make-tree.py) and recorded streams. */
public final class VectorTrees {
    /**
     * {@code shared/vectors/rsure-0.10} beside the checkout (as on the build machines and in CI), found
     * from the working directory upwards wherever the checkout is; {@code -Drdump.vectors=DIR} overrides.
     */
    public static final Path VECTORS = locate();

    private static Path locate() {
        String given = System.getProperty("rdump.vectors");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path relative = Path.of("shared", "vectors", "rsure-0.10");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return Path.of("..", "..").toAbsolutePath().normalize().resolve(relative); // named in the skip message
    }

    private VectorTrees() {
    }

    /** Builds the vectors' v1 tree at {@code dir} (which must not exist); skips without python3. */
    public static Path makeTree(Path dir) throws IOException, InterruptedException {
        RequiredTools.need("python3", "python3");
        RequiredTools.needCondition("vectors", Files.isDirectory(VECTORS), "no rsure vectors at " + VECTORS);
        Process p = new ProcessBuilder("python3", VECTORS.resolve("make-tree.py").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("make-tree.py failed: " + out);
        }
        return dir;
    }

    /** The node lines of version 1 in a step's decompressed weave (control lines dropped). */
    public static List<String> v1Lines(String step, String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(VECTORS.resolve(step).resolve(file), StandardCharsets.ISO_8859_1)) {
            if (!l.isEmpty() && l.charAt(0) != '\u0001') {
                out.add(l);
            }
        }
        return out;
    }

    /** Applies make-vectors.sh's modifications (v1 to v2); the caller waits for a new ctime second first. */
    public static void modifyToV2(Path tree) throws IOException {
        Files.writeString(tree.resolve("small.txt"), "HELLO\n");
        Files.writeString(tree.resolve("blk8193.bin"), "more", java.nio.file.StandardOpenOption.APPEND);
        Files.setPosixFilePermissions(tree.resolve("exec.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(tree.resolve("with space.txt"), java.nio.file.attribute.FileTime.fromMillis(1_700_000_500_000L));
        Files.delete(tree.resolve("one-byte"));
        Files.writeString(tree.resolve("added file.txt"), "added\n");
        Files.createDirectory(tree.resolve("newdir"));
        Files.writeString(tree.resolve("newdir/nf.txt"), "n\n");
        Files.delete(tree.resolve("sub/nested/deep/deep.txt"));
        Files.delete(tree.resolve("sub/nested/deep"));
        Files.delete(tree.resolve("link"));
        Files.createSymbolicLink(tree.resolve("link"), Path.of("blk4096.bin"));
        Path big = tree.resolve("big-1MiB.bin");
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(big);
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, 500_000);
            b.put(0, (byte) (b.get(0) ^ 0xff)).rewind();
            ch.write(b, 500_000);
        }
        Files.setLastModifiedTime(big, mtime);
        Files.delete(tree.resolve("x y"));
    }

    /** Sleeps until the wall clock is in a later second than now, so that ctimes change. */
    public static void nextSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        Thread.sleep(1000 - now % 1000 + 50);
    }

    /** A node source over recorded lines. */
    public static org.rdump.integrity.node.NodeSource source(List<String> lines, String name) {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return new org.rdump.integrity.node.NodeReader(new java.io.ByteArrayInputStream(bytes), name);
    }
}
