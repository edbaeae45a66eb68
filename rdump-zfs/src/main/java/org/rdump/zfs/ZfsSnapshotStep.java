package org.rdump.zfs;

import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * Takes one snapshot of a {@code zfs-volumes} volume ({@code zfs snapshot DS@NAME}): in SNAPSHOT,
 * the run's snapshot, whose name it chooses first ({@link RunSnapshot#choose}); in INTEGRITY, the
 * {@code NAME-rsure} companion. Its cleanup keeps the snapshot: ZFS snapshots are the volume's
 * backup history, removed only by pruning.
 *
 * @since 0.1
 */
final class ZfsSnapshotStep implements Step {
    private final Phase phase;
    private final String volume;
    private final RunSnapshot snapshot;
    private final String suffix;
    private final ZfsCommands commands;
    private final String why;

    /**
     * @param suffix {@code ""} for the run's snapshot (chosen here), or a companion's suffix such
     *     as {@code -rsure} (the name is already chosen)
     */
    ZfsSnapshotStep(Phase phase, String volume, RunSnapshot snapshot, String suffix, ZfsCommands commands, String why) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
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
        return "zfs snapshot " + snapshot.display() + suffix + " (" + why + "; kept as backup history)";
    }

    /** {@code zfs:DATASET}: its snapshots are taken and numbered by one run at a time. */
    @Override
    public java.util.List<String> resources() {
        return java.util.List.of("zfs:" + snapshot.dataset());
    }

    @Override
    public void perform(RunContext context) {
        if (suffix.isEmpty()) {
            try {
                snapshot.choose(new ZfsClient(context.queryRunner(), commands), context);
            } catch (RdumpException e) {
                if (!context.dryRun()) {
                    throw e;
                }
                // a dry run on a machine without the dataset still shows the rest of the plan
                snapshot.chooseUnnumbered(context);
                context.listener().onEvent(new RunEvent.DryRun("      (cannot list " + snapshot.dataset()
                        + " now, so the number is left open: " + String.valueOf(e.getMessage())
                        .replaceAll("\\s+", " ").strip() + ")"));
            }
        }
        String full = snapshot.dataset() + "@" + snapshot.name() + suffix;
        new ZfsClient(context.runner(), commands).snapshot(full, false);
        if (!context.dryRun()) {
            context.listener().onEvent(new RunEvent.Report(volume, "snapshot " + full,
                    new org.rdump.api.Artifact(org.rdump.api.Artifact.Kind.SNAPSHOT, full, snapshot.dataset())));
        }
    }
}
