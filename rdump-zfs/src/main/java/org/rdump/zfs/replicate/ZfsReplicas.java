package org.rdump.zfs.replicate;

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
import org.rdump.zfs.ZfsCommands;
import org.rdump.zfs.ZfsHistory;

/**
 * The replicas a {@code zfs:} replication job keeps on its destination: the snapshots of the
 * scheme ({@code <any prefix>NNNN-YYYYMMDDHHMM}, with {@code -rsure} companions) of the job's
 * destination root dataset, as a destination of {@code rdump list} and {@code rdump restore}
 * ({@link ZfsReplicationStrategy#keptBackups}); its target's settings are the job's own. Child
 * datasets are not part of it (each is its own file system). A destination on another host is
 * listed over ssh but not restored. See {@link ZfsHistory}. Stateless and thread-safe.
 *
 * @since 0.4
 */
public final class ZfsReplicas implements BackupTool {
    public static final String ID = "zfs-replicas";
    public static final String NAME = "replicas";
    private final ZfsCommands commands;

    public ZfsReplicas() {
        this(ZfsCommands.local());
    }

    public ZfsReplicas(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the replicas a `zfs:` replication job keeps on its destination, read by `rdump list` and"
                + " `rdump restore`; not a tool to configure under `tools:`";
    }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of();
    }

    @Override
    public void validate(ToolTarget target) {
        throw new ConfigException(target.settings().locate("type"), "'" + ID + "' is not a tool to configure:"
                + " rdump lists and restores the replicas of every zfs replication job by itself; remove tool '"
                + target.name() + "'");
    }

    @Override
    public List<String> resources(ToolTarget target) {
        return List.of("zfs:" + destination(target));
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        throw new RdumpException("'" + ID + "' does not back up: the zfs replication job makes the replicas");
    }

    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        return history(target).list(destination(target).volume(), null, volume, context);
    }

    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        return history(target).restore(target, archive, scratch, context);
    }

    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        history(target).restorePaths(target, archive, paths, into, context);
    }

    @Override
    public Set<String> notKept(ArchiveInfo archive) {
        return ZfsHistory.notKept(archive);
    }

    private ZfsHistory history(ToolTarget target) {
        return new ZfsHistory(commands.on(destination(target).host()));
    }

    private static Endpoint destination(ToolTarget target) {
        return ReplicationJob.from(target.name(), target.settings()).destination();
    }
}
