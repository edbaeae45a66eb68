package org.rdump.zfs;

import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * Takes one snapshot ({@code zfs snapshot DS@NAME}). Its cleanup keeps the snapshot: ZFS
 * snapshots are the volume's backup history, removed only by pruning.
 *
 * @since 0.1
 */
final class ZfsSnapshotStep implements Step {
    private final Phase phase;
    private final String volume;
    private final String snapshot;
    private final ZfsCommands commands;
    private final String why;

    ZfsSnapshotStep(Phase phase, String volume, String snapshot, ZfsCommands commands, String why) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.why = why;
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "zfs snapshot " + snapshot + " (" + why + "; kept as backup history)";
    }

    @Override
    public void perform(RunContext context) {
        new ZfsClient(context.runner(), commands).snapshot(snapshot, false);
        if (!context.dryRun()) {
            context.listener().onEvent(new RunEvent.Report(volume, "snapshot " + snapshot));
        }
    }
}
