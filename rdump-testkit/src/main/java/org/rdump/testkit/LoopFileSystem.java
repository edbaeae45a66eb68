package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.Trees;

/**
 * A real file system for tests on a loop device: a sparse image file in a directory of its own
 * under /tmp, attached with {@code losetup -f --show}, formatted by the given {@code mkfs} and
 * mounted under that directory. {@link #close} unmounts it (lazily if busy), detaches the loop
 * device and deletes the files, best effort, so tests call it from {@code @AfterEach} or
 * {@code @AfterAll} and it runs after failures too. Every one has its own directory and device,
 * so tests running at the same time do not meet. {@link Ext4TestVolume} and
 * {@link BtrfsTestVolume} are the two kinds the tests use.
 *
 * @since 0.6
 */
public final class LoopFileSystem implements AutoCloseable {
    private static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    /** Where the file system is mounted. */
    public final Path mount;
    /** The loop device, e.g. {@code /dev/loop3}. */
    public final String device;
    private final Path dir;

    private LoopFileSystem(Path dir, String device) {
        this.dir = dir;
        this.device = device;
        this.mount = dir.resolve("mnt");
    }

    /**
     * Skips (or fails with CI=true) without loop devices, then makes, formats and mounts one. The
     * caller checks for its own mkfs program first ({@link RequiredTools#need}).
     *
     * @param kind the file system's name in the directory's name, e.g. {@code ext4}
     * @param tag a few letters in the directory's name, for finding a leftover
     * @param mebibytes the size of the image file
     * @param mkfs the mkfs program and its options; the loop device is appended
     * @return the mounted file system; never null
     */
    public static LoopFileSystem create(String kind, String tag, int mebibytes, String... mkfs) {
        RequiredTools.need("util-linux", "losetup", "mount", "umount");
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "rdump-" + kind + "-" + tag + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path image = dir.resolve("volume.img");
        run("truncate", "-s", mebibytes + "M", image.toString());
        CommandResult attached = RUNNER.run(Command.of("losetup", "-f", "--show", image.toString()).accepting(0, 1));
        RequiredTools.needCondition("loop devices", attached.exitCode() == 0,
                "losetup -f --show cannot attach a loop device (" + attached.stderr().strip() + ")");
        LoopFileSystem fs = new LoopFileSystem(dir, attached.stdout().strip());
        try {
            List<String> argv = new ArrayList<>(List.of(mkfs));
            argv.add(fs.device);
            run(argv.toArray(String[]::new));
            Files.createDirectories(fs.mount);
            run("mount", fs.device, fs.mount.toString());
            return fs;
        } catch (IOException | RuntimeException e) {
            fs.close();
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
