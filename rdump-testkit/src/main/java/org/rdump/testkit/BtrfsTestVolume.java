package org.rdump.testkit;

import java.nio.file.Path;
import org.rdump.api.command.CommandResult;

/**
 * A real btrfs file system for tests: a sparse 160 MiB image file in a directory of its own under
 * /tmp, attached to a loop device made by the test ({@code losetup -f --show}), formatted with
 * {@code mkfs.btrfs} and mounted under that directory. {@link #close} unmounts it, detaches the
 * loop device and deletes the files; tests call it from {@code @AfterEach} or {@code @AfterAll}
 * so that it runs after failures too. Every volume has its own directory and device, so tests
 * running at the same time do not meet.
 *
 * @since 0.6
 */
public final class BtrfsTestVolume implements AutoCloseable {
    /** Where the file system is mounted. */
    public final Path mount;
    /** The loop device, e.g. {@code /dev/loop3}. */
    public final String device;
    private final LoopFileSystem fs;

    private BtrfsTestVolume(LoopFileSystem fs) {
        this.fs = fs;
        this.device = fs.device;
        this.mount = fs.mount;
    }

    /**
     * Skips (or fails with CI=true) without btrfs-progs or loop devices, then makes and mounts one.
     *
     * @param tag a few letters in the directory's name, for finding a leftover
     * @return the mounted file system; never null
     */
    public static BtrfsTestVolume create(String tag) {
        RequiredTools.need("btrfs-progs", "mkfs.btrfs", "btrfs");
        return new BtrfsTestVolume(LoopFileSystem.create("btrfs", tag, 160, "mkfs.btrfs", "-q"));
    }

    /**
     * Makes a subvolume at {@code relative} under the mount.
     *
     * @param relative its path under the mount, e.g. {@code home}; never null
     * @return its absolute path
     */
    public Path subvolume(String relative) {
        Path sv = mount.resolve(relative);
        run("btrfs", "subvolume", "create", sv.toString());
        return sv;
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
