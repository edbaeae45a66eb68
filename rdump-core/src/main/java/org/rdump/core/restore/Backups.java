package org.rdump.core.restore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupTool;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestVersion;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.plan.Planner;
import org.rdump.core.plugin.PluginRegistry;

/**
 * Every destination's backups of a volume, and the choice of one by stamp, name or time.
 * Immutable and thread-safe; listing runs each tool's {@link BackupTool#list}.
 *
 * @since 0.4
 */
public final class Backups {
    private final PluginRegistry registry;
    private final RdumpConfig config;

    /**
     * The backups of the volumes of {@code config}, listed with the tools of {@code registry}.
     *
     * @param registry the plugins holding the configured tools and the integrity store
     * @param config the configuration whose volumes and destinations are listed
     */
    public Backups(PluginRegistry registry, RdumpConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /**
     * The tool instances holding the volume's backups, in the order of its actions; only
     * {@code tool} when one is named.
     *
     * @param volume a configured volume
     * @param tool a tool instance name; null for all
     * @return never null; empty when the volume backs up nowhere and no tool is named
     * @throws RdumpException when {@code tool} is not one of them
     */
    public List<ToolTarget> destinations(VolumeSpec volume, @Nullable String tool) {
        List<ToolTarget> all = new Planner(registry, config).destinations(volume);
        if (tool == null) {
            return all;
        }
        List<ToolTarget> one = all.stream().filter(t -> t.name().equals(tool)).toList();
        if (one.isEmpty()) {
            throw new RdumpException("volume " + volume.name() + " does not back up to a tool named '" + tool
                    + "'; it backs up to " + (all.isEmpty() ? "none" : names(all)));
        }
        return one;
    }

    /**
     * The volume's backups in {@code destinations}, newest first; backups with one stamp in the
     * order of the destinations. Sizes are not asked for ({@link Backup#size()} as listed).
     *
     * @param volume a configured volume
     * @param destinations the tool instances to list, e.g. from {@link #destinations}
     * @param context runs the tools' listings (read-only commands)
     * @return never null; empty when there are no backups
     * @throws RdumpException when a tool's listing fails
     */
    public List<Backup> list(VolumeSpec volume, List<ToolTarget> destinations, RunContext context) {
        return list(volume, destinations, context, false);
    }

    /**
     * As {@link #list(VolumeSpec, List, RunContext)}; with {@code sizes}, each backup's size as
     * its tool tells it ({@link BackupTool#sizes}: for {@code rdump list}, which may spend a
     * command on it that a restore should not).
     *
     * @param volume a configured volume
     * @param destinations the tool instances to list, e.g. from {@link #destinations}
     * @param context runs the tools' listings (read-only commands)
     * @param sizes whether to ask each tool for the sizes
     * @return never null, newest first; empty when there are no backups
     * @throws RdumpException when a tool's listing fails
     */
    public List<Backup> list(VolumeSpec volume, List<ToolTarget> destinations, RunContext context, boolean sizes) {
        IntegrityStore store = registry.get(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE);
        List<Backup> out = new ArrayList<>();
        for (ToolTarget t : destinations) {
            BackupTool tool = registry.get(BackupTool.class, t.tool());
            List<ArchiveInfo> archives = tool.list(t, volume.name(), context);
            java.util.Map<String, Long> size = sizes && !archives.isEmpty()
                    ? tool.sizes(t, volume.name(), archives, context) : java.util.Map.of();
            for (ArchiveInfo a : archives) {
                Long n = size.get(a.id());
                out.add(new Backup(volume.name(), t, n == null ? a : a.withSize(n), manifestVersion(store, a)));
            }
        }
        List<Backup> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Backup::time).reversed()); // stable: destination order within a time
        return List.copyOf(sorted);
    }

    /** The newest manifest version inside a backup that is a directory on disk, else null. */
    private static @Nullable String manifestVersion(IntegrityStore store, ArchiveInfo a) {
        String path = a.details().get("path");
        if (path == null) {
            return null;
        }
        Path manifest = Path.of(path, IntegrityStore.DEFAULT_MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            List<ManifestVersion> versions = store.versions(manifest);
            return versions.isEmpty() ? null : versions.get(0).number() + " '" + versions.get(0).name() + "'";
        } catch (RuntimeException e) {
            return null; // a damaged manifest is verify's and restore's to report, not the listing's
        }
    }

    /**
     * One backup of {@code backups} (newest first): the one {@code archive} names (a run stamp
     * or a tool's own name), else the newest at or before {@code at}, else the newest.
     *
     * @param volume the volume's name, for the messages
     * @param backups from {@link #list}, newest first
     * @param destinations the tool instances listed, for the messages
     * @param archive a run stamp or a tool's own archive name; null for none
     * @param at a time; null for none (ignored when {@code archive} is given)
     * @return the chosen backup; never null
     * @throws RdumpException naming what there is when none fits (or there is no backup)
     */
    public static Backup select(String volume, List<Backup> backups, List<ToolTarget> destinations,
                                @Nullable String archive, @Nullable Instant at) {
        String where = names(destinations);
        if (backups.isEmpty()) {
            throw new RdumpException("no backup of volume " + volume + " in " + where + "; run 'rdump backup "
                    + volume + "' first");
        }
        if (archive != null) {
            return backups.stream().filter(b -> b.archive().matches(archive)).findFirst()
                    .orElseThrow(() -> new RdumpException("no backup " + archive + " of volume " + volume + " in "
                            + where + "; there are: " + stamps(backups)));
        }
        if (at != null) {
            return backups.stream().filter(b -> !b.time().isAfter(at)).findFirst()
                    .orElseThrow(() -> {
                        Instant first = backups.get(backups.size() - 1).time();
                        Backup oldest = backups.stream().filter(b -> b.time().equals(first)).findFirst().orElseThrow();
                        return new RdumpException("no backup of volume " + volume + " at or before " + at
                                + " in " + where + "; the oldest is " + oldest.stamp() + " ('"
                                + oldest.target().name() + "')");
                    });
        }
        return backups.get(0);
    }

    private static String stamps(List<Backup> backups) {
        List<String> shown = backups.stream().limit(10).map(b -> b.stamp() + " ('" + b.target().name() + "')").toList();
        return String.join(", ", shown) + (backups.size() > 10 ? ", ..." : "");
    }

    static String names(List<ToolTarget> targets) {
        return targets.stream().map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "));
    }
}
