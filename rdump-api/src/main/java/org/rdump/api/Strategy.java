package org.rdump.api;

import java.util.List;

/**
 * Turns one configured volume into ordered {@link Step}s. A strategy's {@link #id()} is also the
 * top-level configuration section its volumes are listed under ({@code simple}, {@code lvm},
 * {@code zfs-volumes}...).
 *
 * <p>Contract: {@link #plan} builds steps and changes nothing: the only commands it may run are
 * read-only queries through {@link PlanContext#queryRunner()} (to default a path to what the
 * system says), with a fallback when they fail. Every step that sets
 * something up (a snapshot, a mount, a clone) has a cleanup that removes it, also after a
 * failed perform. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface Strategy extends Plugin {

    /**
     * The keys a volume of this strategy accepts (besides {@code name} and {@code actions}).
     * Core checks each volume against it when the configuration is loaded, and
     * {@code rdump config-reference} documents it. Pure and constant.
     *
     * @return the schema; never null
     */
    SettingsSchema schema();

    /**
     * Checks one volume's settings beyond what {@link #schema()} says (ranges, combinations,
     * names), when the configuration is loaded: {@code rdump check-config} then finds every
     * setting that would fail a run, and nothing runs while one is wrong. The default accepts
     * whatever the schema accepts.
     *
     * @param volume never null, already checked against {@link #schema()}
     * @throws ConfigException naming the position of each bad setting
     * @since 0.1
     */
    default void validate(VolumeSpec volume) {
    }

    /**
     * The steps for one volume, in the order they must run within each phase.
     *
     * @param volume never null, already validated against {@link #schema()}
     * @param context gives the shared integrity and backup steps; never null
     * @return never null; the planner groups steps of all volumes by {@link Phase}
     */
    List<Step> plan(VolumeSpec volume, PlanContext context);

    /**
     * The backups this strategy's own steps keep of a volume, besides those of the tools its
     * actions name: the snapshots a {@code zfs-volumes} volume takes, the replicas a replication
     * job makes. Each is a {@link ToolTarget} of a {@link BackupTool} (registered like any other,
     * usually by the same plugin) that {@code rdump list} and {@code rdump restore} read like any
     * destination ({@link BackupTool#list}, {@link BackupTool#restorePaths}); core never backs up
     * to it or prunes it (the strategy's steps do). Pure and constant; the default is none.
     *
     * @param volume never null, already validated
     * @return never null, possibly empty; names unique among the volume's destinations
     * @since 0.4
     */
    default List<ToolTarget> keptBackups(VolumeSpec volume) {
        return List.of();
    }

    /**
     * The live tree a volume backs up, where {@code rdump restore --in-place} restores into: a
     * {@code simple} volume's directory, a ZFS dataset's mountpoint, the origin's mount point of
     * an LVM volume. Empty (the default) when the strategy does not know it; {@code --in-place}
     * is then refused with a hint to restore with {@code --to}. May run read-only queries
     * through {@code queries} (as {@link PlanContext#queryRunner()}) and must fall back to empty
     * when they fail; changes nothing.
     *
     * @param volume never null, already validated
     * @param queries runs read-only queries; never null
     * @return never null
     * @since 0.4
     */
    default java.util.Optional<java.nio.file.Path> liveTree(VolumeSpec volume,
                                                            org.rdump.api.command.CommandRunner queries) {
        return java.util.Optional.empty();
    }
}
