package org.rdump.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.Step;
import org.rdump.zfs.prune.ProvenSnapshots;
import org.rdump.api.support.prune.PruneSettings;
import org.rdump.zfs.prune.Pruner;

/**
 * VERIFY step of a {@code zfs-volumes} volume with {@code prune:}: destroys the dataset's
 * snapshots of the run's naming scheme that the policy does not keep ({@link Pruner}). It runs in
 * the last phase, after the run's snapshot and after every replication job, which holds
 * ({@code zfs hold}) the snapshot its destination needs next, so that one stays. In a dry run the
 * listing is real, the run's own (not yet taken) snapshot is counted, and each destroy is only
 * reported as {@code would destroy}. Nothing to clean up.
 *
 * @since 0.1
 */
final class ZfsPruneStep implements Step {
    private final String volume;
    private final RunSnapshot snapshot;
    private final PruneSettings prune;
    private final boolean companion;
    private final ZfsCommands commands;
    private final org.rdump.api.PruneProtection protection;

    /**
     * @param companion whether the run also takes {@code NAME-rsure}
     */
    ZfsPruneStep(String volume, RunSnapshot snapshot, PruneSettings prune, boolean companion, ZfsCommands commands) {
        this(volume, snapshot, prune, companion, commands, org.rdump.api.PruneProtection.NONE);
    }

    /**
     * @param protection what {@code keep_verified} keeps (the ledger's newest proven snapshot),
     *     or a reason to prune nothing
     */
    ZfsPruneStep(String volume, RunSnapshot snapshot, PruneSettings prune, boolean companion, ZfsCommands commands,
                 org.rdump.api.PruneProtection protection) {
        this.protection = Objects.requireNonNull(protection, "protection");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.prune = Objects.requireNonNull(prune, "prune");
        this.companion = companion;
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "prune snapshots of " + snapshot.dataset() + " (" + prune.describe() + "; the newest, held ones and"
                + " other names stay)";
    }

    /** {@code zfs:DATASET}, whose snapshots it destroys. */
    @Override
    public List<String> resources() {
        return List.of("zfs:" + snapshot.dataset());
    }

    @Override
    public void perform(RunContext context) {
        List<String> pending = new ArrayList<>();
        if (context.dryRun() && snapshot.isChosen()) {
            pending.add(snapshot.name());
            if (companion) {
                pending.add(snapshot.name() + Pruner.COMPANION);
            }
        }
        if (protection.skipReason().isPresent()) {
            context.listener().onEvent(new RunEvent.Warning(volume, "prune of " + snapshot.dataset() + " skipped: "
                    + protection.skipReason().get()));
            return;
        }
        try {
            Pruner pruner = new Pruner(prune.prefix(), prune.policy());
            ZfsClient query = new ZfsClient(context.queryRunner(), commands);
            Set<String> keep = ProvenSnapshots.protect(pruner, query, snapshot.dataset(), pending,
                    context.clock().getZone(), protection, context.dryRun(), volume, context.listener());
            pruner.prune(query, new ZfsClient(context.runner(), commands), snapshot.dataset(), keep, pending,
                    context.dryRun(), RunListener.naming(volume(), context.listener())); // the volume, not the dataset
        } catch (RdumpException e) {
            if (!context.dryRun()) {
                throw e;
            }
            context.listener().onEvent(new RunEvent.DryRun("      (cannot plan the pruning now: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + ")"));
        }
    }
}
