package org.rdump.core.simple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.VolumeSpec;

/**
 * Volumes backed up without a snapshot (the original's {@code simple:} section, for
 * {@code /boot}-like file systems that do not change during a backup): the manifest is updated
 * in place at the mount's root, then every configured tool backs up the mount. Core adds the
 * {@code snapstamp} step. Stateless and thread-safe.
 */
public final class SimpleStrategy implements Strategy {
    /** The schema of the original's {@code zfs: {volume, mount}} mirror key, shared by strategies. */
    public static final SettingsSchema ZFS_MIRROR = SettingsSchema.of(
            Key.required("volume", Type.STRING, "the ZFS dataset to mirror the volume into, e.g. tank/self/boot"),
            Key.required("mount", Type.PATH, "where that dataset is mounted"));

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("mount", Type.PATH, "the volume's mount point, e.g. /boot"),
            Key.object("zfs", false, "mirror the volume into a ZFS dataset after the backups, then snapshot it",
                    ZFS_MIRROR));

    @Override
    public String id() {
        return "simple";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "volumes without snapshots (/boot-like): manifest in place, then back up the mount";
    }

    @Override
    public SettingsSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<Step> plan(VolumeSpec volume, PlanContext context) {
        Path mount = volume.settings().path("mount");
        List<Step> steps = new ArrayList<>(context.integritySteps(volume, mount, null));
        steps.addAll(context.backupSteps(volume, mount));
        return steps;
    }

    /** The volume's {@code mount}. */
    @Override
    public java.util.Optional<Path> liveTree(VolumeSpec volume, org.rdump.api.command.CommandRunner queries) {
        return java.util.Optional.of(volume.settings().path("mount"));
    }
}
