package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.Trees;

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
    private static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    /** Where the file system is mounted. */
    public final Path mount;
    /** The loop device, e.g. {@code /dev/loop3}. */
    public final String device;
    private final Path dir;

    private BtrfsTestVolume(Path dir, String device) {
        this.dir = dir;
        this.device = device;
        this.mount = dir.resolve("mnt");
    }

    /**
     * Skips (or fails with CI=true) without btrfs-progs or loop devices, then makes and mounts one.
     *
     * @param tag a few letters in the directory's name, for finding a leftover
     * @return the mounted file system; never null
     */
    public static BtrfsTestVolume create(String tag) {
        RequiredTools.need("btrfs-progs", "mkfs.btrfs", "btrfs");
        RequiredTools.need("util-linux", "losetup", "mount", "umount");
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "rdump-btrfs-" + tag + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path image = dir.resolve("volume.img");
        run("truncate", "-s", "160M", image.toString());
        CommandResult attached = RUNNER.run(Command.of("losetup", "-f", "--show", image.toString()).accepting(0, 1));
        RequiredTools.needCondition("loop devices", attached.exitCode() == 0,
                "losetup -f --show cannot attach a loop device (" + attached.stderr().strip() + ")");
        BtrfsTestVolume volume = new BtrfsTestVolume(dir, attached.stdout().strip());
        try {
            run("mkfs.btrfs", "-q", volume.device);
            Files.createDirectories(volume.mount);
            run("mount", volume.device, volume.mount.toString());
            return volume;
        } catch (IOException | RuntimeException e) {
            volume.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
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
        return RUNNER.run(Command.of(argv[0], java.util.Arrays.copyOfRange(argv, 1, argv.length)));
    }

    /** Unmounts (lazily if busy), detaches the loop device and deletes the image; best effort. */
    @Override
    public void close() {
        if (RUNNER.run(Command.of("umount", mount.toString()).accepting(0, 1, 32)).exitCode() != 0) {
            RUNNER.run(Command.of("umount", "-l", mount.toString()).accepting(0, 1, 32));
        }
        RUNNER.run(Command.of("losetup", "-d", device).accepting(0, 1));
        try {
            Trees.delete(dir);
        } catch (RdumpException e) {
            // best effort: the device is detached; the image is in /tmp
        }
    }
}
