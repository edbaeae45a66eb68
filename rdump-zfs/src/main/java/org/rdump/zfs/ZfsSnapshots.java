package org.rdump.zfs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;

/**
 * The snapshots a {@code zfs-volumes} volume keeps, as a destination of {@code rdump list} and
 * {@code rdump restore} ({@link ZfsStrategy#keptBackups}): not configured under {@code tools:},
 * its target's settings are the volume's own ({@code dataset}, {@code snapshot_prefix}). See
 * {@link ZfsHistory} for names, stamps, the {@code -rsure} manifest and how a snapshot is read.
 * Stateless and thread-safe.
 *
 * @since 0.4
 */
public final class ZfsSnapshots implements BackupTool {
    /** The tool id, and the name of the destination in {@code rdump list}. */
    public static final String ID = "zfs-snapshots";
    public static final String NAME = "snapshots";
    private final ZfsCommands commands;

    /** For {@link java.util.ServiceLoader}: {@code zfs} from PATH. */
    public ZfsSnapshots() {
        this(ZfsCommands.local());
    }

    public ZfsSnapshots(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the snapshots a `zfs-volumes` volume keeps, read by `rdump list` and `rdump restore`; not a tool to"
                + " configure under `tools:`";
    }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of();
    }

    /** Refuses an instance under {@code tools:}: the volume's own snapshots need none. */
    @Override
    public void validate(ToolTarget target) {
        throw new ConfigException(target.settings().locate("type"), "'" + ID + "' is not a tool to configure:"
                + " rdump lists and restores the snapshots of every zfs-volumes volume by itself; remove tool '"
                + target.name() + "'");
    }

    @Override
    public List<String> resources(ToolTarget target) {
        return List.of("zfs:" + target.settings().string("dataset"));
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        throw new RdumpException("'" + ID + "' does not back up: the zfs-volumes strategy takes the snapshots");
    }

    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        return new ZfsHistory(commands).list(target.settings().string("dataset"),
                target.settings().string("snapshot_prefix", ""), volume, context);
    }

    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        return new ZfsHistory(commands).restore(target, archive, scratch, context);
    }

    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        new ZfsHistory(commands).restorePaths(target, archive, paths, into, context);
    }

    @Override
    public Set<String> notKept(ArchiveInfo archive) {
        return ZfsHistory.notKept(archive);
    }
}
