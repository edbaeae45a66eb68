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
    private static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    /** Where the file system is mounted. */
    public final Path mount;
    /** The loop device, e.g. {@code /dev/loop3}. */
    public final String device;
    private final Path dir;

    private Ext4TestVolume(Path dir, String device) {
        this.dir = dir;
        this.device = device;
        this.mount = dir.resolve("mnt");
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
        RequiredTools.need("util-linux", "losetup", "mount", "umount");
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "rdump-ext4-" + tag + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path image = dir.resolve("volume.img");
        run("truncate", "-s", mebibytes + "M", image.toString());
        CommandResult attached = RUNNER.run(Command.of("losetup", "-f", "--show", image.toString()).accepting(0, 1));
        RequiredTools.needCondition("loop devices", attached.exitCode() == 0,
                "losetup -f --show cannot attach a loop device (" + attached.stderr().strip() + ")");
        Ext4TestVolume volume = new Ext4TestVolume(dir, attached.stdout().strip());
        try {
            run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", volume.device);
            Files.createDirectories(volume.mount);
            run("mount", volume.device, volume.mount.toString());
            return volume;
        } catch (IOException | RuntimeException e) {
            volume.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
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
