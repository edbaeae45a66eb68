package org.rdump.zfs.replicate;

import java.util.Objects;
import org.rdump.api.ToolTarget;
import org.rdump.zfs.KeptSnapshots;
import org.rdump.zfs.ZfsCommands;

/**
 * The replicas a {@code zfs:} replication job keeps on its destination: the snapshots of the
 * scheme ({@code <any prefix>NNNN-YYYYMMDDHHMM}, with {@code -rsure} companions) of the job's
 * destination root dataset, as a destination of {@code rdump list} and {@code rdump restore}
 * ({@link ZfsReplicationStrategy#keptBackups}); its target's settings are the job's own. Child
 * datasets are not part of it (each is its own file system). A destination on another host is
 * listed and restored over ssh ({@link org.rdump.zfs.SnapshotReader}). See
 * {@link org.rdump.zfs.ZfsHistory}. Stateless and thread-safe.
 *
 * @since 0.4
 */
public final class ZfsReplicas extends KeptSnapshots {
    public static final String ID = "zfs-replicas";
    public static final String NAME = "replicas";
    private final ZfsCommands commands;

    public ZfsReplicas() {
        this(ZfsCommands.local());
    }

    public ZfsReplicas(ZfsCommands commands) {
        super(ID, "the replicas a `zfs:` replication job keeps on its destination, read by `rdump list` and"
                + " `rdump restore`; not a tool to configure under `tools:`", "the replicas of every zfs replication job");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    protected Where where(ToolTarget target) {
        Endpoint dest = ReplicationJob.from(target.name(), target.settings()).destination();
        return new Where(commands.on(dest.host()), dest.volume(), null);
    }
}
