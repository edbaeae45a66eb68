package org.rdump.zfs.replicate;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;
import org.rdump.zfs.ZfsTree;
import org.rdump.zfs.prune.ProvenSnapshots;
import org.rdump.api.support.prune.PruneSettings;
import org.rdump.zfs.prune.Pruner;

/**
 * Applies a replication job's {@code prune:} policy, in VERIFY (the last phase: after the job's
 * {@link ReplicationStep} and every snapshot of the run). It lists both trees (through
 * {@link RunContext#queryRunner()}, so a dry run plans from the real state), and prunes each
 * non-excluded source dataset and/or its destination, as {@code side} says, protecting the newest
 * snapshot the two share ({@link ReplicationPlanner#needed}), which the next incremental send
 * starts from, besides what {@link Pruner} always keeps. Nothing to clean up.
 *
 * @since 0.1
 */
public final class ReplicationPruneStep implements Step {
    private final ReplicationJob job;
    private final PruneSettings prune;
    private final ZfsCommands commands;
    private final org.rdump.api.PruneProtection protection;

    /** @param job a job with a {@code prune} policy */
    public ReplicationPruneStep(ReplicationJob job, ZfsCommands commands) {
        this(job, commands, org.rdump.api.PruneProtection.NONE);
    }

    /**
     * @param protection what {@code keep_verified} keeps (the ledger's newest proven replica
     *     snapshot, kept on both sides under its name), or a reason to prune nothing
     */
    public ReplicationPruneStep(ReplicationJob job, ZfsCommands commands, org.rdump.api.PruneProtection protection) {
        this.protection = Objects.requireNonNull(protection, "protection");
        this.job = Objects.requireNonNull(job, "job");
        this.prune = Objects.requireNonNull(job.prune(), "the job has no prune policy");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return job.name();
    }

    @Override
    public String describe() {
        String side = switch (prune.side()) {
            case SOURCE -> job.source().toString();
            case DESTINATION -> job.destination().toString();
            case BOTH -> job.source() + " and " + job.destination();
        };
        return "prune snapshots '" + prune.prefix() + "NNNN-YYYYMMDDHHMM' under " + side + " (" + prune.describe()
                + "; the newest and the one the destination needs next stay)";
    }

    /** The job's two root datasets, {@code zfs:DATASET} or {@code zfs:HOST:DATASET} for a remote side. */
    @Override
    public java.util.List<String> resources() {
        return java.util.List.of("zfs:" + job.source(), "zfs:" + job.destination());
    }

    @Override
    public void perform(RunContext context) {
        if (!context.dryRun()) {
            prune(context);
            return;
        }
        try {
            prune(context);
        } catch (RdumpException e) {
            // as the replication step: a side that cannot be read now is noted, the rest of the plan still shown
            context.listener().onEvent(new RunEvent.DryRun("      (cannot plan the pruning now: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + ")"));
        }
    }

    /** In a dry run: says that the snapshot the destination needs next stays, when the policy alone would destroy it. */
    private void reportNeeded(Pruner pruner, ZfsClient query, String ds, String name, RunContext context) {
        if (!context.dryRun()) {
            return;
        }
        List<String> names = query.listSnapshots(ds, false).stream().map(org.rdump.zfs.ZfsRow::snapshot)
                .flatMap(java.util.Optional::stream).toList();
        if (pruner.plan(ds, names, Set.of()).destroy().contains(name)) {
            context.listener().onEvent(new RunEvent.DryRun("kept: " + ds + "@" + name + " is the newest snapshot "
                    + job.destination() + " shares with the source; the next incremental send starts from it"));
        }
    }

    private void prune(RunContext context) {
        if (protection.skipReason().isPresent()) {
            context.listener().onEvent(new RunEvent.Warning(volume(), "prune skipped: " + protection.skipReason().get()));
            return;
        }
        ZfsCommands srcCmds = commands.on(job.source().host());
        ZfsCommands destCmds = commands.on(job.destination().host());
        ZfsClient srcQuery = new ZfsClient(context.queryRunner(), srcCmds);
        ZfsClient destQuery = new ZfsClient(context.queryRunner(), destCmds);
        String srcRoot = job.source().volume();
        String destRoot = job.destination().volume();
        ZfsTree src = ZfsTree.of(srcRoot, srcQuery.listTree(srcRoot, List.of("name"), false));
        ZfsTree dest = destQuery.exists(destRoot)
                ? ZfsTree.of(destRoot, destQuery.listTree(destRoot, List.of("name"), false)) : ZfsTree.empty(destRoot);
        Map<String, String> needed = ReplicationPlanner.needed(job, src, dest);
        Pruner pruner = new Pruner(prune.prefix(), prune.policy());
        for (String ds : src.datasets()) {
            if (job.excludes(ds)) {
                continue;
            }
            Set<String> keep = new HashSet<>();
            if (needed.containsKey(ds)) {
                keep.add(needed.get(ds));
                reportNeeded(pruner, srcQuery, ds, needed.get(ds), context);
            }
            if (prune.side().source()) {
                keep.addAll(ProvenSnapshots.protect(pruner, srcQuery, ds, List.of(), context.clock().getZone(),
                        protection, context.dryRun(), volume(), context.listener()));
                pruner.prune(srcQuery, new ZfsClient(context.runner(), srcCmds), ds, keep, List.of(), context.dryRun(),
                        org.rdump.api.RunListener.naming(volume(), context.listener()));
            }
            String destDs = destRoot + src.suffix(ds);
            if (prune.side().destination() && dest.has(destDs)) {
                keep.addAll(ProvenSnapshots.protect(pruner, destQuery, destDs, List.of(), context.clock().getZone(),
                        protection, context.dryRun(), volume(), context.listener()));
                pruner.prune(destQuery, new ZfsClient(context.runner(), destCmds), destDs, keep, List.of(),
                        context.dryRun(), org.rdump.api.RunListener.naming(volume(), context.listener()));
            }
        }
    }
}
