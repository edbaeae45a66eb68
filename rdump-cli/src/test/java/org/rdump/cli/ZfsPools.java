package org.rdump.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/**
 * Real zfs-fuse pools for end-to-end tests: each on a sparse 128 MiB file under a given
 * directory, with a unique name and its own mount root there. {@link #close} destroys every pool
 * it made (tests call it from {@code @AfterEach}, so it runs after failures too).
 */
final class ZfsPools implements AutoCloseable {
    static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    private final Path dir;
    private final List<String> created = new ArrayList<>();

    /** Skips (or fails under CI) without zfs-fuse. */
    ZfsPools(Path dir) {
        RequiredTools.need("zfs", "zfs", "zpool");
        RequiredTools.needCondition("zfs", RUNNER.run(Command.of("zpool", "list").accepting(0, 1)).exitCode() == 0,
                "the zfs-fuse daemon does not answer 'zpool list'; start it (see .ci/run)");
        this.dir = dir;
    }

    /** A new pool; its root dataset is mounted at {@link #mount}. */
    String create(String tag) throws Exception {
        String name = "rde" + tag + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Path img = dir.resolve(name + ".img");
        run("truncate", "-s", "128M", img.toString());
        Files.createDirectories(dir.resolve("mnt"));
        run("zpool", "create", "-m", mount(name).toString(), name, img.toString());
        created.add(name);
        return name;
    }

    /** Where a pool's root dataset is mounted. */
    Path mount(String pool) {
        return dir.resolve("mnt").resolve(pool);
    }

    static CommandResult run(String... argv) {
        return RUNNER.run(Command.of(List.of(argv)));
    }

    /** The short names of a dataset's snapshots, oldest first. */
    static List<String> snapshots(String dataset) {
        return run("zfs", "list", "-H", "-t", "snapshot", "-d", "1", "-o", "name", dataset).stdoutLines().stream()
                .map(l -> l.substring(l.indexOf('@') + 1)).toList();
    }

    static boolean exists(String dataset) {
        return RUNNER.run(Command.of("zfs", "list", "-H", "-o", "name", dataset).accepting(0, 1)).exitCode() == 0;
    }

    /**
     * Waits until zfs reports the dataset mounted three times in a row, mounting it when zfs says
     * it is not: zfs-fuse (no {@code receive -u}) remounts received datasets in the background and
     * now and then leaves one unmounted.
     */
    static void mountIfNeeded(String dataset) throws InterruptedException {
        int mountedInARow = 0;
        for (int i = 0; i < 40 && mountedInARow < 3; i++) {
            if (run("zfs", "get", "-H", "-o", "value", "mounted", dataset).stdout().trim().equals("no")) {
                mountedInARow = 0;
                RUNNER.run(Command.of("zfs", "mount", dataset).accepting(0, 1));
            } else {
                mountedInARow++;
            }
            Thread.sleep(150);
        }
    }

    /** The short names of a dataset's snapshots that carry a hold. */
    static List<String> held(String dataset) {
        return run("zfs", "list", "-H", "-t", "snapshot", "-d", "1", "-o", "name,userrefs", dataset).stdoutLines()
                .stream().filter(l -> !l.endsWith("\t0")).map(l -> l.substring(l.indexOf('@') + 1, l.indexOf('\t')))
                .toList();
    }

    @Override
    public void close() throws Exception {
        for (String pool : created) {
            for (int attempt = 0; attempt < 3; attempt++) {
                RUNNER.run(Command.of("zpool", "destroy", "-f", pool).accepting(0, 1));
                if (RUNNER.run(Command.of("zpool", "list", "-H", "-o", "name", pool).accepting(0, 1)).exitCode() != 0) {
                    break;
                }
                Thread.sleep(1500); // zfs-fuse may hold a mount for a moment
            }
        }
    }
}
