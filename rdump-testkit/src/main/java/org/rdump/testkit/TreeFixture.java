package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/**
 * Builds small file trees for tests, declaratively: {@code TreeFixture.at(dir).file("a/b", "x")
 * .mode("a/b", "rw-------").symlink("l", "a/b")}. Parent directories are made as needed. Not
 * thread-safe; each test builds its own.
 */
public final class TreeFixture {
    private final Path root;

    private TreeFixture(Path root) {
        this.root = root;
    }

    /** Starts a tree at {@code root}, creating the directory. */
    public static TreeFixture at(Path root) {
        io(() -> Files.createDirectories(root));
        return new TreeFixture(root);
    }

    public Path root() {
        return root;
    }

    /** A regular file holding {@code content} as UTF-8. */
    public TreeFixture file(String rel, String content) {
        return file(rel, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A regular file holding {@code content}. */
    public TreeFixture file(String rel, byte[] content) {
        Path p = root.resolve(rel);
        io(() -> {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        });
        return this;
    }

    /** A regular file of {@code size} pseudo-random bytes from {@code seed}. */
    public TreeFixture randomFile(String rel, int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return file(rel, b);
    }

    public TreeFixture dir(String rel) {
        io(() -> Files.createDirectories(root.resolve(rel)));
        return this;
    }

    /** A symbolic link at {@code rel} pointing to {@code target} (kept as written, may dangle). */
    public TreeFixture symlink(String rel, String target) {
        Path p = root.resolve(rel);
        io(() -> {
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
        });
        return this;
    }

    /** A second name {@code rel} for the existing file {@code existing}. */
    public TreeFixture hardLink(String rel, String existing) {
        Path p = root.resolve(rel);
        io(() -> {
            Files.createDirectories(p.getParent());
            Files.createLink(p, root.resolve(existing));
        });
        return this;
    }

    /** Sets POSIX permissions, e.g. {@code rwxr-x---}. */
    public TreeFixture mode(String rel, String perms) {
        io(() -> Files.setPosixFilePermissions(root.resolve(rel), PosixFilePermissions.fromString(perms)));
        return this;
    }

    /** Sets the modification time. */
    public TreeFixture mtime(String rel, Instant t) {
        io(() -> Files.setLastModifiedTime(root.resolve(rel), FileTime.from(t)));
        return this;
    }

    public TreeFixture delete(String rel) {
        io(() -> Files.delete(root.resolve(rel)));
        return this;
    }

    /**
     * A tree with the kinds of entries a backup must keep: files of several modes and sizes
     * (one over a megabyte, so chunking tools split it), an empty file, nested and empty
     * directories with their own modes, a relative and a dangling symlink, hard links, and
     * names with spaces and non-ASCII characters.
     */
    public static TreeFixture sample(Path root) {
        return at(root)
                .file("hello.txt", "hello, world\n")
                .file("empty", new byte[0])
                .randomFile("data/big.bin", 1_500_000, 42)
                .randomFile("data/small.bin", 4_000, 7)
                .file("bin/run.sh", "#!/bin/sh\necho run\n").mode("bin/run.sh", "rwxr-xr-x")
                .file("private/key", "not really a key\n").mode("private/key", "rw-------")
                .mode("private", "rwx------")
                .file("with space/ünïcödé name.txt", "names\n")
                .dir("empty-dir")
                .dir("shared").mode("shared", "rwxr-x---")
                .symlink("link-to-hello", "hello.txt")
                .symlink("data/up-link", "../hello.txt")
                .symlink("dangling", "does/not/exist")
                .hardLink("data/big-again.bin", "data/big.bin")
                .mtime("hello.txt", Instant.parse("2020-01-02T03:04:05Z"));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
