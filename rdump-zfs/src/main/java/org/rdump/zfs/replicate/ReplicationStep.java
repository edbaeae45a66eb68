package org.rdump.zfs.replicate;

import java.time.Duration;
import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
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

    @Override
    public void perform(RunContext context) {
        // A dry run only lists and estimates (Replicator.run), so it may use the query runner and plan from
        // the real state of both sides.
        new Replicator(context.dryRun() ? context.queryRunner() : context.runner(), commands, context.listener(), new ZfsPipe(Duration.ofSeconds(1)))
                .run(job, context.dryRun());
    }
}
