package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.Trees;

/**
 * A real zfs-fuse pool for tests (rdump-zfs and the end-to-end tests): on a sparse 128 MiB file under /tmp, with a unique name, mounted under its
 * own directory. {@link #close} destroys it with {@code zpool destroy -f} and deletes the files;
 * tests call it from {@code @AfterEach} so it runs after failures too.
 *
 * @since 0.1
 */
public final class ZfsTestPool implements AutoCloseable {
    private static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    public final String name;
    private final Path dir;
    private final Path mountRoot;

    private ZfsTestPool(String name, Path dir) {
        this.name = name;
        this.dir = dir;
        this.mountRoot = dir.resolve("mnt");
    }

    /** Skips (or fails under CI) without zfs, then creates the pool. */
    public static ZfsTestPool create(String tag) {
        RequiredTools.need("zfs", "zfs", "zpool");
        RequiredTools.needCondition("zfs", RUNNER.run(Command.of("zpool", "list").accepting(0, 1)).exitCode() == 0,
                "the zfs-fuse daemon does not answer 'zpool list'; start it (see .ci/run)");
        String name = "rdt" + tag + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "rdump-zfs-" + name + "-");
            Path img = dir.resolve("pool.img");
            run("truncate", "-s", "128M", img.toString());
            ZfsTestPool pool = new ZfsTestPool(name, dir);
            run("zpool", "create", "-m", pool.mountRoot.toString(), name, img.toString());
            return pool;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CommandResult run(String... argv) {
        return RUNNER.run(Command.of(argv[0], java.util.Arrays.copyOfRange(argv, 1, argv.length)));
    }

    /** The mountpoint of a dataset of this pool given by its path under the pool. */
    public Path mount(String relative) {
        return relative.isEmpty() ? mountRoot : mountRoot.resolve(relative);
    }

    public String ds(String relative) {
        return relative.isEmpty() ? name : name + "/" + relative;
    }

    @Override
    public void close() {
        RUNNER.run(Command.of("zpool", "destroy", "-f", name).accepting(0, 1));
        if (RUNNER.run(Command.of("zpool", "list", "-H", "-o", "name", name).accepting(0, 1)).exitCode() == 0) {
            // zfs-fuse may still hold a mount for a moment
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RUNNER.run(Command.of("zpool", "destroy", "-f", name).accepting(0, 1));
        }
        try {
            Trees.delete(dir);
        } catch (RdumpException e) {
            // best effort: the pool is gone, its image file is in /tmp
        }
    }
}
