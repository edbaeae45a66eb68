package org.rdump.zfs.stream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.ZfsTestPool;

/**
 * The backup tool contract against real zfs-fuse for {@code zfs-stream}. Each source tree is a
 * fresh dataset of one pool for the class; each backup freezes it as a {@code zfs-volumes} run
 * does: a new snapshot of the dataset ({@code rdumpNNNN-YYYYMMDDHHMM}, kept, so the next stream
 * can be incremental from it) and a clone of that snapshot at the volume's fixed clone
 * mountpoint (the previous run's clone destroyed first), whose origin is the run's snapshot.
 */
class ZfsStreamToolContractIT extends BackupToolContract {
    private static final AtomicInteger TREES = new AtomicInteger();
    static ZfsTestPool pool;

    @BeforeAll
    static void createPool() {
        pool = ZfsTestPool.create("bt");
    }

    @AfterAll
    static void destroyPool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    protected BackupTool newTool() {
        return new ZfsStreamTool();
    }

    @Override
    protected ToolTarget target(Path workDir) {
        RequiredTools.need("zfs", "zfs");
        return new ToolTarget("offline", "zfs-stream", Settings.of(Map.of("dest", workDir.resolve("streams").toString())));
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("zfs", "zfs");
        return new ToolTarget("offline", "zfs-stream", Settings.of(Map.of("dest", missing.toString())));
    }

    @Override
    protected SourceFactory sources() {
        return new SourceFactory() {
            /** Each tree's dataset under the pool, by the tree's mountpoint. */
            private final Map<Path, String> datasets = new HashMap<>();
            private final Map<String, Integer> runs = new HashMap<>();
            private final List<String> made = new ArrayList<>();

            @Override
            public Path newTree(Path suggested) {
                String ds = "t" + TREES.incrementAndGet();
                ZfsTestPool.run("zfs", "create", pool.ds(ds));
                made.add(ds);
                datasets.put(pool.mount(ds), ds);
                return pool.mount(ds);
            }

            @Override
            public Path freeze(Path tree, String stamp) {
                String ds = datasets.get(tree);
                if (ds == null) {
                    return tree;
                }
                String clone = pool.ds(ds + "-clone");
                Path mount = pool.mount(ds + "-clone");
                destroy(clone, false);
                int n = runs.merge(ds, 1, Integer::sum);
                String snapshot = pool.ds(ds) + "@" + String.format("rdump%04d-%s%s", n, stamp.substring(0, 8),
                        stamp.substring(9, 13));
                ZfsTestPool.run("zfs", "snapshot", snapshot);
                ZfsTestPool.run("zfs", "clone", "-o", "mountpoint=" + mount, snapshot, clone);
                return mount;
            }

            @Override
            public void close() {
                for (String ds : made) {
                    destroy(pool.ds(ds), true);
                }
            }
        };
    }

    /**
     * Destroys {@code dataset} (with its snapshots and their clones when {@code recursive}) if it
     * exists, retrying while zfs-fuse still calls it busy (a clone just read); fails when it stays.
     */
    private static void destroy(String dataset, boolean recursive) {
        LocalCommandRunner run = new LocalCommandRunner();
        for (int attempt = 1; ; attempt++) {
            if (run.run(Command.of("zfs", "list", "-H", "-o", "name", dataset).accepting(0, 1)).exitCode() != 0) {
                return;
            }
            var r = run.run(Command.of(recursive ? List.of("zfs", "destroy", "-R", dataset)
                    : List.of("zfs", "destroy", dataset)).accepting(0, 1));
            if (r.exitCode() == 0) {
                return;
            }
            if (attempt == 12) {
                throw new IllegalStateException("cannot destroy test dataset " + dataset + ": " + r.stderr().strip());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted destroying " + dataset, e);
            }
        }
    }
}
