package org.rdump.zfs.replicate;

import java.util.List;
import java.util.Objects;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.zfs.ZfsCommands;
import org.rdump.api.support.prune.PruneSettings;

/**
 * The {@code zfs:} section: replication jobs, as in the original rdump's layout. Each entry
 * (a volume to core) names {@code src: {host, volume}}, {@code dest: {host, volume}} and
 * optionally {@code exclude: [regex...]} and {@code prune: {...}}; it plans one
 * {@link ReplicationStep} and, with {@code prune:}, a {@link ReplicationPruneStep} after it. A missing or
 * empty {@code host} means this machine. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ZfsReplicationStrategy implements Strategy {
    private static final SettingsSchema ENDPOINT = SettingsSchema.of(
            Key.optional("host", Type.STRING, "(this machine)", "Host reached with ssh; empty for this machine."),
            Key.required("volume", Type.STRING, "The root dataset."),
            Key.optional("ssh", Type.STRING_LIST, "[ssh, -o, BatchMode=yes]", "The ssh program and its options"
                    + " (an argument vector, before the host), e.g. [ssh, -o, BatchMode=yes, -i, /root/.ssh/backup,"
                    + " -p, '2222']; only with host."));
    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.object("src", true, "What is replicated.", ENDPOINT),
            Key.object("dest", true, "Where to.", ENDPOINT),
            Key.optional("exclude", Type.STRING_LIST, null, "Regular expressions; matching source datasets"
                    + " are skipped."),
            Key.object("prune", false, "After the replication, destroy old <prefix>NNNN-YYYYMMDDHHMM snapshots of"
                    + " the source (or destination) datasets by a policy; never the newest, nor the one the"
                    + " destination needs next.", PruneSettings.JOB_SCHEMA));

    private final ZfsCommands commands;

    public ZfsReplicationStrategy() {
        this(ZfsCommands.local());
    }

    public ZfsReplicationStrategy(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String id() {
        return "zfs";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "ZFS replication jobs: zfs send | zfs receive of a dataset tree, locally or over ssh";
    }

    @Override
    public SettingsSchema schema() {
        return SCHEMA;
    }

    /** Reads the job as planning would: dataset names, hosts, exclusions, the prune policy. */
    @Override
    public void validate(VolumeSpec volume) {
        ReplicationJob.from(volume.name(), volume.settings());
    }

    @Override
    public List<Step> plan(VolumeSpec volume, PlanContext context) {
        ReplicationJob job = ReplicationJob.from(volume.name(), volume.settings());
        if (job.prune() == null) {
            return List.of(new ReplicationStep(job, commands));
        }
        return List.of(new ReplicationStep(job, commands), new ReplicationPruneStep(job, commands,
                job.prune().keepVerified() ? context.proofs(job.name(), ZfsReplicas.NAME)
                        : org.rdump.api.PruneProtection.NONE));
    }

    /** Its replicas on the destination, read by {@link ZfsReplicas} with the job's own settings. */
    @Override
    public List<ToolTarget> keptBackups(VolumeSpec volume) {
        return List.of(new ToolTarget(ZfsReplicas.NAME, ZfsReplicas.ID, volume.settings()));
    }
}
