package org.rdump.zfs.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdump.api.RunEvent;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;
import org.rdump.zfs.ZfsHost;
import org.rdump.zfs.ZfsRow;
import org.rdump.zfs.ZfsTestPool;
import org.rdump.zfs.ZfsTree;
import org.rdump.zfs.replicate.Endpoint;
import org.rdump.zfs.replicate.ReplicationJob;
import org.rdump.zfs.replicate.ReplicationPlanner;

class PruneIT {
    ZfsTestPool pool;
    final ZfsClient zfs = new ZfsClient(new LocalCommandRunner(), ZfsCommands.local());

    @BeforeEach
    void setUp() {
        pool = ZfsTestPool.create("r");
        ZfsTestPool.run("zfs", "create", "-p", pool.ds("src/a"));
        ZfsTestPool.run("zfs", "create", pool.ds("dst"));
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    List<String> snaps(String ds) {
        return zfs.listSnapshots(ds, false).stream().map(r -> r.snapshot().orElseThrow()).toList();
    }

    @Test
    void dryRunListsThenRealRunDestroysKeepingWhatReplicationNeeds() {
        String ds = pool.ds("src/a");
        ZfsTree tree = ZfsTree.of(ds, zfs.listTree(ds, List.of("name"), false));
        int next = SnapshotName.nextNumber("rd", tree);
        assertThat(next).isZero();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String n = new SnapshotName("rd", i, LocalDateTime.of(2026, 1, i, 12, 0)).format();
            names.add(n);
            zfs.snapshot(ds + "@" + n, false);
        }
        // the destination holds rd0001 only: the next incremental starts from it
        ZfsTestPool.run("zfs", "snapshot", pool.ds("dst") + "@" + names.get(0));
        ReplicationJob job = new ReplicationJob("j", new Endpoint(ZfsHost.local(), ds),
                new Endpoint(ZfsHost.local(), pool.ds("dst")), List.of());
        tree = ZfsTree.of(ds, zfs.listTree(ds, List.of("name"), false));
        ZfsTree dest = ZfsTree.of(pool.ds("dst"), zfs.listTree(pool.ds("dst"), List.of("name"), false));
        Set<String> needed = Set.of(ReplicationPlanner.needed(job, tree, dest).get(ds));
        assertThat(needed).containsExactly(names.get(0));
        assertThat(SnapshotName.nextNumber("rd", tree)).isEqualTo(9);

        Pruner pruner = new Pruner("rd", new PrunePolicy.Hanoi(2));
        List<RunEvent> events = new ArrayList<>();
        PrunePlan dry = pruner.prune(zfs, ds, needed, true, events::add);
        assertThat(snaps(ds)).hasSize(8);
        assertThat(events).extracting(e -> ((RunEvent.DryRun) e).line())
                .containsExactlyElementsOf(dry.destroy().stream().map(s -> "would destroy " + ds + "@" + s).toList());

        PrunePlan real = pruner.prune(zfs, ds, needed, false, e -> { });
        assertThat(real).isEqualTo(dry);
        // kept: newest two (8, 7), newest per popcount of the rest (6: pop 2, 4: pop 1), rd0001 (protected)
        assertThat(snaps(ds)).containsExactly(names.get(0), names.get(3), names.get(5), names.get(6), names.get(7));
        assertThat(zfs.listTree(ds, List.of("name"), false)).extracting(ZfsRow::name).contains(ds);
    }
}
