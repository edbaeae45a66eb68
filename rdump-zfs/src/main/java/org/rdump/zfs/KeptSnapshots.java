package org.rdump.zfs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpApi;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;

/**
 * A destination of {@code rdump list} and {@code rdump restore} that a strategy keeps by itself
 * ({@link org.rdump.api.Strategy#keptBackups}): the snapshots of one dataset per target, read by
 * {@link ZfsHistory}. Not configured under {@code tools:} and never backed up to. The two kinds,
 * {@link ZfsSnapshots} and {@link org.rdump.zfs.replicate.ZfsReplicas}, differ only in their
 * words and in {@link #where}; everything else is here, once. Stateless and thread-safe.
 *
 * @since 0.4
 */
public abstract class KeptSnapshots implements BackupTool {
    /**
     * Where a target's snapshots are.
     *
     * @param commands the zfs commands, on the host that holds the dataset
     * @param dataset the dataset whose snapshots are the backups
     * @param prefix the scheme's prefix, or null for any prefix
     */
    public record Where(ZfsCommands commands, String dataset, @Nullable String prefix) {
        public Where {
            Objects.requireNonNull(commands, "commands");
            Objects.requireNonNull(dataset, "dataset");
        }
    }

    private final String id;
    private final String description;
    private final String keeper;

    /**
     * @param id the tool id
     * @param description what they are, for {@code rdump plugins} and the config reference
     * @param keeper what keeps them, in messages: {@code the snapshots of every zfs-volumes volume}
     */
    protected KeptSnapshots(String id, String description, String keeper) {
        this.id = Objects.requireNonNull(id, "id");
        this.description = Objects.requireNonNull(description, "description");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
    }

    /** Where the target's snapshots are; pure. */
    protected abstract Where where(ToolTarget target);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final SettingsSchema schema() {
        return SettingsSchema.of();
    }

    /** Refuses an instance under {@code tools:}: the strategy keeps these by itself. */
    @Override
    public final void validate(ToolTarget target) {
        throw new ConfigException(target.settings().locate("type"), "'" + id + "' is not a tool to configure:"
                + " rdump lists and restores " + keeper + " by itself; remove tool '" + target.name() + "'");
    }

    @Override
    public final List<String> resources(ToolTarget target) {
        Where w = where(target);
        return List.of("zfs:" + (w.commands().host() instanceof ZfsHost.Local ? "" : w.commands().host().display()
                + ":") + w.dataset());
    }

    @Override
    public final BackupResult backup(BackupRequest request, RunContext context) {
        throw new RdumpException("'" + id + "' does not back up: rdump only lists and restores " + keeper);
    }

    @Override
    public final List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        Where w = where(target);
        return new ZfsHistory(w.commands()).list(w.dataset(), w.prefix(), volume, context);
    }

    /** Each snapshot's {@code referenced} bytes ({@link ZfsHistory#sizes}). */
    @Override
    public final java.util.Map<String, Long> sizes(ToolTarget target, String volume, List<ArchiveInfo> archives,
                                                   RunContext context) {
        return new ZfsHistory(where(target).commands()).sizes(archives, context);
    }

    @Override
    public final RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        return new ZfsHistory(where(target).commands()).restore(target, archive, scratch, context);
    }

    @Override
    public final void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                                   RunContext context) {
        new ZfsHistory(where(target).commands()).restorePaths(target, archive, paths, into, context);
    }

    @Override
    public final Set<String> notKept(ArchiveInfo archive) {
        return ZfsHistory.notKept(archive);
    }
}
