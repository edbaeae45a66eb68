package org.rdump.zfs.prune;

import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;
import org.rdump.api.support.prune.PruneSettings;
import org.rdump.api.support.prune.SnapshotName;
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
import org.rdump.testkit.ZfsTestPool;
import org.rdump.zfs.ZfsTree;
import org.rdump.zfs.replicate.Endpoint;
import org.rdump.zfs.replicate.ReplicationJob;
import org.rdump.zfs.replicate.ReplicationPlanner;
import org.rdump.zfs.replicate.ReplicationPruneStep;
import org.rdump.zfs.replicate.Replicator;
import org.rdump.testkit.TestRunContext;

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
        int next = org.rdump.zfs.RunSnapshot.nextNumber("rd", tree);
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
        assertThat(org.rdump.zfs.RunSnapshot.nextNumber("rd", tree)).isEqualTo(9);

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

    @Test
    void replicationHoldsWhatTheDestinationNeedsAndTheJobsPruneKeepsIt() throws Exception {
        String ds = pool.ds("src/a");
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            names.add(new SnapshotName("", i, LocalDateTime.of(2026, 2, 1 + i, 8, 0)).format());
        }
        ReplicationJob plain = new ReplicationJob("j", new Endpoint(ZfsHost.local(), pool.ds("src")),
                new Endpoint(ZfsHost.local(), pool.ds("dst/copy")), List.of());
        Replicator replicator = new Replicator(new LocalCommandRunner(), e -> { });
        for (int i = 0; i <= 1; i++) {
            zfs.snapshot(ds + "@" + names.get(i), false);
        }
        replicator.run(plain, false);
        assertThat(zfs.heldSnapshots(ds)).containsExactly(names.get(1));
        zfs.snapshot(ds + "@" + names.get(2), false);
        replicator.run(plain, false);
        assertThat(zfs.heldSnapshots(ds)).as("the hold moved to the new common snapshot").containsExactly(names.get(2));
        for (int i = 3; i <= 5; i++) {
            zfs.snapshot(ds + "@" + names.get(i), false);
        }
        // any pruning keeps the held snapshot: Hanoi(0) alone would take 1, 2 and 3
        PrunePlan unprotected = new Pruner("", new PrunePolicy.Hanoi(0)).plan(ds, names, Set.of());
        assertThat(unprotected.destroy()).containsExactly(names.get(1), names.get(2), names.get(3));
        PrunePlan dry = new Pruner("", new PrunePolicy.Hanoi(0)).prune(zfs, ds, Set.of(), true, e -> { });
        assertThat(dry.destroy()).containsExactly(names.get(1), names.get(3));

        // the job's own prune step (both sides): the source keeps what dst needs; dst/copy/a loses 1 (Hanoi)
        ReplicationJob pruning = new ReplicationJob("j", plain.source(), plain.destination(), List.of(),
                new PruneSettings(new PrunePolicy.Hanoi(0), "", PruneSettings.Side.BOTH));
        TestRunContext ctx = TestRunContext.real(java.nio.file.Files.createTempDirectory("rdump-prune"));
        new ReplicationPruneStep(pruning, ZfsCommands.local()).perform(ctx);
        assertThat(snaps(ds)).containsExactly(names.get(0), names.get(2), names.get(4), names.get(5));
        assertThat(snaps(pool.ds("dst/copy/a"))).containsExactly(names.get(0), names.get(2));
        assertThat(ctx.warnings()).isEmpty();
        // and the next incremental still works from the protected snapshot
        replicator.run(plain, false);
        assertThat(snaps(pool.ds("dst/copy/a"))).containsExactly(names.get(0), names.get(2), names.get(4),
                names.get(5));
        assertThat(zfs.heldSnapshots(ds)).containsExactly(names.get(5));
    }
}
