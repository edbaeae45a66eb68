package org.rdump.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.ZfsTestPool;

/**
 * Real zfs-fuse pools for end-to-end tests ({@link ZfsTestPool}s from the testkit, each on its
 * own sparse file with its own mount root), plus the queries the tests make. {@link #close}
 * destroys every pool it made (tests call it from {@code @AfterEach}, so it runs after failures
 * too).
 */
final class ZfsPools implements AutoCloseable {
    static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    private final List<ZfsTestPool> created = new ArrayList<>();

    /** A new pool (skips, or fails under CI, without zfs-fuse); its root dataset is mounted at {@link #mount}. */
    String create(String tag) {
        ZfsTestPool pool = ZfsTestPool.create("e" + tag);
        created.add(pool);
        return pool.name;
    }

    /** Where a pool's root dataset is mounted. */
    Path mount(String pool) {
        return created.stream().filter(p -> p.name.equals(pool)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a pool of this test: " + pool)).mount("");
    }

    static CommandResult run(String... argv) {
        return RUNNER.run(Command.of(List.of(argv)));
    }

    /** The short names of a dataset's snapshots, oldest first. */
    static List<String> snapshots(String dataset) {
        return run("zfs", "list", "-H", "-t", "snapshot", "-d", "1", "-o", "name", dataset).stdoutLines().stream()
                .map(l -> l.substring(l.indexOf('@') + 1)).toList();
    }

    /**
     * {@code zfs destroy -r DATASET}, tried again while zfs answers "dataset is busy" (up to about
     * 12 s, as rdump's own destroys do): zfs-fuse releases a dataset asynchronously for a moment
     * after a clone of one of its snapshots was destroyed, so a destroy right after a restore from
     * its snapshots fails now and then (measured by hand: 2 of 8 and 3 of 10 times).
     */
    static void destroyRecursively(String dataset) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            CommandResult r = RUNNER.run(Command.of("zfs", "destroy", "-r", dataset).accepting(0, 1));
            if (r.exitCode() == 0) {
                return;
            }
            if (!r.stderr().contains("busy") || attempt >= 24) {
                throw new AssertionError("zfs destroy -r " + dataset + " failed: " + r.stderr());
            }
            Thread.sleep(500);
        }
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
    public void close() {
        created.forEach(ZfsTestPool::close);
    }
}
