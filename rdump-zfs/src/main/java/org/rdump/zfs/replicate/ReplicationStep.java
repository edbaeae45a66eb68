package org.rdump.zfs.replicate;

import java.time.Duration;
import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.zfs.ZfsCommands;

/**
 * Runs one replication job. It sits in {@link Phase#MIRROR_SNAPSHOT}, after the run's
 * snapshots (SNAPSHOT) and mirror snapshots have been taken, so they are sent too. Nothing to
 * clean up: an interrupted receive is discarded by zfs, or resumed by the next run where the
 * destination supports it. In a dry run it reports the plan (needing the read-only listings).
 *
 * @since 0.1
 */
public final class ReplicationStep implements Step {
    private final ReplicationJob job;
    private final ZfsCommands commands;

    public ReplicationStep(ReplicationJob job, ZfsCommands commands) {
        this.job = Objects.requireNonNull(job, "job");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public Phase phase() {
        return Phase.MIRROR_SNAPSHOT;
    }

    @Override
    public String volume() {
        return job.name();
    }

    @Override
    public String describe() {
        return "replicate " + job.source() + " to " + job.destination();
    }

    /** The job's two root datasets, {@code zfs:DATASET} or {@code zfs:HOST:DATASET} for a remote side. */
    @Override
    public java.util.List<String> resources() {
        return java.util.List.of("zfs:" + job.source(), "zfs:" + job.destination());
    }

    @Override
    public void perform(RunContext context) {
        if (!context.dryRun()) {
            new Replicator(context.runner(), commands, context.listener(), new ZfsPipe(Duration.ofSeconds(1)))
                    .run(job, false);
            return;
        }
        // A dry run only lists and estimates (Replicator.run), so it uses the query runner and plans from the
        // real state of both sides. When a side cannot be read (host unreachable, pool not imported), the dry
        // run says so and goes on: the rest of the plan is still worth seeing.
        try {
            new Replicator(context.queryRunner(), commands, context.listener(), new ZfsPipe(Duration.ofSeconds(1)))
                    .run(job, true);
        } catch (RdumpException e) {
            String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
            context.listener().onEvent(new RunEvent.DryRun("      (cannot plan the transfers now: " + why + ")"));
            context.listener().onEvent(new RunEvent.Warning(job.name(), "replication not planned: " + e.getMessage()));
        }
    }
}
