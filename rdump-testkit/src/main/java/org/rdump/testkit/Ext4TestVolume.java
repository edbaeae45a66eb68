package org.rdump.testkit;

import java.nio.file.Path;
import org.rdump.api.command.CommandResult;

/**
 * A real ext4 file system for tests: a sparse image file (64 MiB unless told) in a directory of its own under
 * /tmp, attached to a loop device made by the test ({@code losetup -f --show}), formatted with
 * {@code mkfs.ext4} and mounted under that directory. {@link #close} unmounts it, detaches the
 * loop device and deletes the files; tests call it from {@code @AfterEach} or {@code @AfterAll}
 * so that it runs after failures too. Every volume has its own directory and device, so tests
 * running at the same time do not meet.
 *
 * @since 0.6
 */
public final class Ext4TestVolume implements AutoCloseable {
    /** Where the file system is mounted. */
    public final Path mount;
    /** The loop device, e.g. {@code /dev/loop3}. */
    public final String device;
    private final LoopFileSystem fs;

    private Ext4TestVolume(LoopFileSystem fs) {
        this.fs = fs;
        this.device = fs.device;
        this.mount = fs.mount;
    }

    /**
     * Skips (or fails with CI=true) without e2fsprogs or loop devices, then makes and mounts one.
     *
     * @param tag a few letters in the directory's name, for finding a leftover
     * @return the mounted file system; never null
     */
    public static Ext4TestVolume create(String tag) {
        return create(tag, 64);
    }

    /**
     * As {@link #create(String)}, with a file system of {@code mebibytes} MiB.
     *
     * @param tag a few letters in the directory's name, for finding a leftover
     * @param mebibytes the size of the file system, at least 8
     * @return the mounted file system; never null
     */
    public static Ext4TestVolume create(String tag, int mebibytes) {
        RequiredTools.need("e2fsprogs", "mkfs.ext4");
        return new Ext4TestVolume(LoopFileSystem.create("ext4", tag, mebibytes, "mkfs.ext4", "-q", "-F", "-E",
                "lazy_itable_init=0,lazy_journal_init=0"));
    }

    /**
     * Runs a program of the test (argument vector), failing on a non-zero exit.
     *
     * @param argv the program and its arguments; never empty
     * @return its result
     */
    public static CommandResult run(String... argv) {
        return LoopFileSystem.run(argv);
    }

    /** Unmounts (lazily if busy), detaches the loop device and deletes the image; best effort. */
    @Override
    public void close() {
        fs.close();
    }
}
