package org.rdump.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.prune.PruneSettings;
import org.rdump.zfs.prune.Pruner;

/**
 * The {@code zfs-volumes} strategy: a live ZFS dataset backed up from a writable clone of a
 * snapshot, as the original rdump's README describes. (The section is not {@code zfs:}, which
 * holds replication jobs in the original layout.)
 *
 * <p>Steps, by phase:
 * <ol>
 *   <li>SNAPSHOT: {@code zfs snapshot DS@<snapshot_prefix>NNNN-YYYYMMDDHHMM}, the original
 *       rdump's names (see {@link RunSnapshot}); kept afterwards, as the volume's backup history;
 *   <li>MOUNT: {@code zfs clone} of it at {@code clone_mount}; cleanup destroys the clone,
 *       also after a failure;
 *   <li>INTEGRITY: the shared manifest steps on the clone, copying the manifest back to
 *       {@code mount}; then, with {@code rsure_snapshot}, {@code zfs snapshot DS@NAME-rsure};
 *   <li>BACKUP: the shared backup steps of the volume's tools, on the clone (a stable path);
 *   <li>VERIFY (the last phase, after every snapshot and replication of the run), with
 *       {@code prune:}: {@link ZfsPruneStep} destroys the snapshots the policy does not keep.
 * </ol>
 * Stateless and thread-safe; {@link #plan} runs nothing.
 *
 * @since 0.1
 */
public final class ZfsStrategy implements Strategy {
    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("dataset", Type.STRING, "The live dataset, e.g. tank/home."),
            Key.optional("mount", Type.PATH, "its mountpoint", "Where the live dataset is mounted (default: its"
                    + " real mountpoint, from zfs); the manifest is copied back there."),
            Key.optional("clone", Type.STRING, "POOL/snaps/FS", "The dataset the writable clone is made as."),
            Key.optional("clone_mount", Type.PATH, "under the pool's mountpoint", "Where the clone is mounted"
                    + " (set when cloning); default: the clone's path under the pool's real mountpoint."),
            Key.optional("rsure_snapshot", Type.BOOLEAN, "false", "Take DS@NAME-rsure after the manifest is"
                    + " copied back, keeping the updated manifest in the dataset's history."),
            Key.optional("snapshot_prefix", Type.STRING, "", "Put before NNNN-YYYYMMDDHHMM in snapshot names"
                    + " (the original rdump's scheme: the number is one more than the highest under the dataset)."),
            Key.object("prune", false, "Destroy old snapshots of this scheme after the run: {hanoi: N} or time"
                    + " buckets {hourly, daily, weekly, monthly, yearly}; the newest and held ones always stay.",
                    PruneSettings.VOLUME_SCHEMA));

    private final ZfsCommands commands;

    /** For {@link java.util.ServiceLoader}: {@code zfs} from PATH. */
    public ZfsStrategy() {
        this(ZfsCommands.local());
    }

    public ZfsStrategy(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String id() {
        return "zfs-volumes";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "ZFS datasets: snapshot, writable clone, manifest in the clone, backup of the clone";
    }

    @Override
    public SettingsSchema schema() {
        return SCHEMA;
    }

    /** Reads the volume as planning would: dataset and clone names, the prune policy. */
    @Override
    public void validate(VolumeSpec volume) {
        ZfsVolume.from(volume);
    }

    /** A dataset's {@code mountpoint} when it is a path (not legacy or none), asked while planning. */
    private java.util.Optional<java.nio.file.Path> mountpoint(String dataset,
                                                              org.rdump.api.command.CommandRunner queries) {
        try {
            String mp = queries.run(commands.value("mountpoint", dataset)).stdout().strip();
            return mp.startsWith("/") ? java.util.Optional.of(java.nio.file.Path.of(mp)) : java.util.Optional.empty();
        } catch (org.rdump.api.RdumpException e) {
            return java.util.Optional.empty(); // no zfs, or no such dataset: the pre-flight check says so
        }
    }

    @Override
    public List<Step> plan(VolumeSpec spec, PlanContext context) {
        ZfsVolume v = ZfsVolume.from(spec, name -> mountpoint(name, context.queryRunner()));
        RunSnapshot run = new RunSnapshot(v.dataset(), v.snapshotPrefix());
        List<Step> steps = new ArrayList<>();
        steps.add(new ZfsSnapshotStep(Phase.SNAPSHOT, v.name(), run, "", commands, "the backup's source"));
        steps.add(new ZfsCloneStep(v, run, commands));
        List<Step> integrity = context.integritySteps(spec, v.cloneMount(), v.mount());
        steps.addAll(integrity);
        boolean companion = v.rsureSnapshot() && !integrity.isEmpty();
        if (companion) {
            steps.add(new ZfsSnapshotStep(Phase.INTEGRITY, v.name(), run, Pruner.COMPANION, commands,
                    "keeps the updated manifest"));
        }
        steps.addAll(context.backupSteps(spec, v.cloneMount()));
        if (v.prune() != null) {
            steps.add(new ZfsPruneStep(v.name(), run, v.prune(), companion, commands, v.prune().keepVerified()
                    ? context.proofs(v.name(), ZfsSnapshots.NAME) : org.rdump.api.PruneProtection.NONE));
        }
        return List.copyOf(steps);
    }

    /** Its snapshots, read by {@link ZfsSnapshots} with the volume's own settings. */
    @Override
    public List<ToolTarget> keptBackups(VolumeSpec volume) {
        return List.of(new ToolTarget(ZfsSnapshots.NAME, ZfsSnapshots.ID, volume.settings()));
    }

    /**
     * The live dataset's {@code mount}, or its real mountpoint as zfs says; empty when neither is
     * known (a {@code legacy} or {@code none} mountpoint, or zfs cannot be asked).
     */
    @Override
    public java.util.Optional<java.nio.file.Path> liveTree(VolumeSpec volume,
                                                           org.rdump.api.command.CommandRunner queries) {
        if (volume.settings().has("mount")) {
            return java.util.Optional.of(java.nio.file.Path.of(volume.settings().string("mount")));
        }
        return mountpoint(ZfsVolume.from(volume).dataset(), queries);
    }
}
