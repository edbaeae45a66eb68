package org.rdump.core.snapshots;

import java.util.ArrayList;
import java.util.List;
import org.rdump.api.ConfigException;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.SnapshotFeature;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.prune.PruneSettings;

/**
 * The {@code snapshots:} section: a volume backed up from a snapshot that any
 * {@link SnapshotProvider} takes ({@code provider: ID}, plus that provider's own
 * {@link SnapshotProvider#settingsSchema settings}), without a strategy of its own.
 *
 * <p>Steps, by phase: SNAPSHOT takes the snapshot (journaled with the provider's
 * {@link SnapshotProvider#removal}; cleanup removes it); MOUNT, with {@code mount_snapshot},
 * mounts its device on {@code snap} (cleanup unmounts it); INTEGRITY updates the manifest in the
 * snapshot and copies it back to {@code mount}; BACKUP runs the volume's tools on {@code snap};
 * with {@code keep: true}, VERIFY keeps the snapshot under a name of its own
 * ({@link KeepSnapshotStep}) and, with {@code prune:}, deletes the kept ones the policy does not
 * keep ({@link PruneKeptStep}).
 * Core adds the guards ({@code mountpoint}, {@code max_shrink}) and the {@code snapstamp} step, as
 * for every volume with a {@code mount}. {@link #plan} is pure. Stateless; thread-safe.
 *
 * @since 0.5
 */
public final class SnapshotsStrategy implements Strategy {
    /** The strategy id and configuration section. */
    public static final String ID = "snapshots";
    /** The key naming the provider. */
    public static final String PROVIDER = "provider";

    private static final List<Key> KEYS = List.of(
            Key.required(PROVIDER, Type.STRING, "The snapshot provider's id (`rdump plugins` lists them, built in"
                    + " and from plugin jars); its own settings go next to these keys."),
            Key.required("volume", Type.STRING, "What the provider snapshots, in its own terms (a ZFS dataset,"
                    + " vg/lv, a btrfs subvolume's path)."),
            Key.required("mount", Type.PATH, "The live file system's mount point; the updated manifest is copied"
                    + " back here."),
            Key.required("snap", Type.PATH, "Where the backups read the snapshot: the mount point with"
                    + " mount_snapshot, else where the provider makes it readable (checked once it is taken)."
                    + " It must be writable: the manifest is updated in it."),
            Key.optional("snapshot", Type.STRING, "rdump-NAME", "The snapshot's name (removed again after the run)."),
            Key.object("mount_snapshot", false, "Mount the snapshot's device on snap (created if missing) while"
                    + " it is read; unmounted afterwards.", SettingsSchema.of(
                            Key.required("fs", Type.STRING, "The file system type (mount -t); xfs adds nouuid."),
                            Key.optional("options", Type.STRING_LIST, null, "Extra mount options, after noatime."))),
            Key.optional("keep", Type.BOOLEAN, "false", "Keep each run's snapshot (read-only, with the updated"
                    + " manifest) as SNAPSHOT-NNNN-YYYYMMDDHHMM after the backups, instead of only removing it; needs a"
                    + " provider that can keep snapshots (btrfs)."),
            Key.object("prune", false, "Delete kept snapshots (keep: true) the policy does not keep, after the run:"
                    + " {hanoi: N} or time buckets {hourly, daily, weekly, monthly, yearly}, as ZFS prune; the newest"
                    + " kept snapshot always stays.", pruneSchema()));

    private static SettingsSchema pruneSchema() {
        // keep_verified is not offered: nothing restores from a kept snapshot yet, so none is ever proven
        return new SettingsSchema(PruneSettings.VOLUME_SCHEMA.keys().stream()
                .filter(k -> !k.name().equals("keep_verified")).toList());
    }

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
        return "any snapshot provider (built in or a plugin): snapshot, optional mount, manifest in the snapshot,"
                + " backup of the snapshot";
    }

    /** Core's keys; a volume also accepts its provider's ({@link #schema(SnapshotProvider)}). */
    @Override
    public SettingsSchema schema() {
        return new SettingsSchema(KEYS);
    }

    /**
     * The keys a volume naming {@code provider} accepts: core's, then the provider's own (a
     * provider key with the name of one of core's is left out).
     */
    public SettingsSchema schema(SnapshotProvider provider) {
        List<Key> keys = new ArrayList<>(KEYS);
        for (Key k : provider.settingsSchema().keys()) {
            if (KEYS.stream().noneMatch(c -> c.name().equals(k.name()))) {
                keys.add(k);
            }
        }
        return new SettingsSchema(keys);
    }

    @Override
    public void validate(VolumeSpec volume) {
        SnapshotVolume.from(volume);
    }

    /**
     * Checks what depends on the provider: that it can say how its snapshot is removed after a
     * crash (for the journal), and with {@code keep: true} that it can keep snapshots.
     *
     * @throws ConfigException at {@code provider} when it cannot, at {@code keep} when it cannot keep
     */
    public void validate(VolumeSpec volume, SnapshotProvider provider) {
        SnapshotVolume v = SnapshotVolume.from(volume);
        if (provider.removal(v.volume(), v.snapshot(), v.settings()).isEmpty()) {
            throw new ConfigException(volume.settings().locate(PROVIDER), "snapshot provider '" + provider.id()
                    + "' does not say how to remove a snapshot after a crash (SnapshotProvider.removal), so its"
                    + " snapshots cannot be journaled; it cannot be used in a snapshots: volume");
        }
        if (v.keep() && !provider.features().contains(SnapshotFeature.KEEP)) {
            throw new ConfigException(volume.settings().locate("keep"), "snapshot provider '" + provider.id()
                    + "' cannot keep snapshots (it lacks the KEEP feature); remove 'keep' (and 'prune'), or use a"
                    + " provider that can, such as btrfs");
        }
    }

    @Override
    public List<Step> plan(VolumeSpec spec, PlanContext context) {
        SnapshotVolume v = SnapshotVolume.from(spec);
        SnapshotProvider provider = context.snapshotProvider(v.provider());
        TakenSnapshot taken = new TakenSnapshot();
        List<Step> steps = new ArrayList<>();
        steps.add(new TakeSnapshotStep(v, provider, taken));
        if (v.mountFs() != null) {
            steps.add(new MountSnapshotStep(v, taken));
        }
        steps.addAll(context.integritySteps(spec, v.snap(), v.mount()));
        steps.addAll(context.backupSteps(spec, v.snap()));
        if (v.keep()) {
            KeptSnapshot kept = new KeptSnapshot();
            steps.add(new KeepSnapshotStep(v, provider, taken, kept));
            if (v.prune() != null) {
                steps.add(new PruneKeptStep(v, provider, v.prune(), kept));
            }
        }
        return List.copyOf(steps);
    }
}
