package org.rdump.lvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdump.api.Phase;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.VolumeSpec;

/**
 * The {@code lvm} strategy: a file system on an LVM2 logical volume, backed up from a snapshot.
 *
 * <p>Steps for one volume, by phase: SNAPSHOT takes the snapshot (cleanup: {@code lvremove -f});
 * MOUNT mounts it on {@code snap} (xfs with {@code nouuid}; cleanup: {@code umount});
 * INTEGRITY updates the manifest inside the snapshot and copies it back to {@code mount} (steps
 * from core); BACKUP (and MIRROR) run the volume's tools on {@code snap} (steps from core); then
 * a check fails the run if the snapshot overflowed while it was read. The check runs in the
 * last phase that reads the snapshot (MIRROR when the volume is mirrored, else BACKUP): a
 * copy-on-write snapshot that overflowed stays invalid, so one check after the last reader
 * covers every reader, and it still comes before the mirror is snapshotted. Cleanups run in
 * reverse: unmount, then remove the snapshot.
 *
 * <p>{@link #plan} is pure. Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class LvmStrategy implements Strategy {
    /** The strategy id and configuration section. */
    public static final String ID = "lvm";

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("mount", Type.PATH, "The live file system's mount point; the updated manifest is copied back here."),
            Key.required("snap", Type.PATH, "Where the snapshot is mounted while it is read (created if missing)."),
            Key.required("vg", Type.STRING, "The volume group."),
            Key.required("lv", Type.STRING, "The logical volume holding the file system."),
            Key.required("lv_snap", Type.STRING, "The snapshot's logical volume name, e.g. root_snap."),
            Key.required("fs", Type.STRING, "The file system type (xfs, ext4, btrfs...); xfs snapshots are mounted with nouuid."),
            Key.optional("size", Type.SIZE, LvmSnapshotProvider.DEFAULT_SIZE,
                    "The copy-on-write snapshot's size (lvcreate -L); ignored when thin is true."),
            Key.optional("thin", Type.BOOLEAN, "false",
                    "The origin is a thin volume: take a thin snapshot (space from the pool) and activate it."),
            Key.optional("mount_options", Type.STRING_LIST, null,
                    "Extra options for mounting the snapshot, appended to noatime."),
            Key.object("zfs", false, "Mirror the snapshot into this ZFS dataset (done by the zfs module).",
                    SettingsSchema.of(
                            Key.required("volume", Type.STRING, "The ZFS dataset to mirror into."),
                            Key.required("mount", Type.PATH, "Where that dataset is mounted."))));

    private final LvmSnapshotProvider provider = new LvmSnapshotProvider();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "file systems on LVM2 logical volumes, backed up from a mounted snapshot";
    }

    @Override
    public SettingsSchema schema() {
        return SCHEMA;
    }

    /** Reads the volume as planning would: LVM names, absolute paths. */
    @Override
    public void validate(VolumeSpec volume) {
        LvmVolume.from(volume.name(), volume.settings());
    }

    /**
     * @throws org.rdump.api.ConfigException when a name or path is unusable (listing every
     *     problem)
     */
    @Override
    public List<Step> plan(VolumeSpec volume, PlanContext context) {
        LvmVolume v = LvmVolume.from(volume.name(), volume.settings());
        List<Step> readers = new ArrayList<>(context.integritySteps(volume, v.snapDir(), v.mount()));
        readers.addAll(context.backupSteps(volume, v.snapDir()));
        List<Step> steps = new ArrayList<>();
        steps.add(new SnapshotStep(v, provider));
        steps.add(new MountStep(v));
        steps.addAll(readers);
        lastReadingPhase(readers).ifPresent(p -> steps.add(new OverflowCheckStep(v, provider, p)));
        return List.copyOf(steps);
    }

    /** The latest phase, up to MIRROR, of the steps that read the snapshot. */
    private static Optional<Phase> lastReadingPhase(List<Step> readers) {
        return readers.stream().map(Step::phase)
                .filter(p -> p.compareTo(Phase.MIRROR) <= 0)
                .max(Phase::compareTo);
    }

    /** The origin's mount point ({@code mount}), where the live file system is. */
    @Override
    public java.util.Optional<java.nio.file.Path> liveTree(VolumeSpec volume,
                                                           org.rdump.api.command.CommandRunner queries) {
        return java.util.Optional.of(volume.settings().path("mount"));
    }
}
