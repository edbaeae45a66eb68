package org.rdump.zfs;

import java.util.Objects;
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
public final class ZfsSnapshots extends KeptSnapshots {
    /** The tool id, and the name of the destination in {@code rdump list}. */
    public static final String ID = "zfs-snapshots";
    public static final String NAME = "snapshots";
    private final ZfsCommands commands;

    /** For {@link java.util.ServiceLoader}: {@code zfs} from PATH. */
    public ZfsSnapshots() {
        this(ZfsCommands.local());
    }

    public ZfsSnapshots(ZfsCommands commands) {
        super(ID, "the snapshots a `zfs-volumes` volume keeps, read by `rdump list` and `rdump restore`; not a tool"
                + " to configure under `tools:`", "the snapshots of every zfs-volumes volume");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    protected Where where(ToolTarget target) {
        return new Where(commands, target.settings().string("dataset"), target.settings().string("snapshot_prefix", ""));
    }
}
