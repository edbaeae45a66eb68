package org.rdump.core.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupTool;
import org.rdump.api.IntegrityStore;
import org.rdump.api.PlanContext;
import org.rdump.api.PluginException;
import org.rdump.api.PruneProtection;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.guard.EmptyTreeGuardStep;
import org.rdump.core.guard.GuardClearStep;
import org.rdump.core.guard.GuardState;
import org.rdump.core.guard.VolumeGuards;
import org.rdump.core.plugin.PluginRegistry;

/**
 * What strategies get from core while planning: the integrity steps, the backup steps of the
 * tools a volume's actions name (plus the mirror into ZFS of the original's {@code zfs:} key),
 * and snapshot providers by id. Adds each volume's source guards: the empty-tree check first
 * among its integrity steps (or its backup steps, without a manifest), the shrink check in the
 * manifest update, and the step that clears a recorded guard failure after its last backup.
 */
final class CorePlanContext implements PlanContext {
    /** The tool id that mirrors a volume into a ZFS dataset (from rdump-zfs). */
    static final String ZFS_MIRROR = "zfs-mirror";

    private final PluginRegistry registry;
    private final RdumpConfig config;
    private final String runStamp;
    private final GuardState guardState;
    private final org.rdump.core.ledger.LedgerProofs proofs;
    private final java.util.Set<String> allowShrink;
    private final java.util.Map<String, VolumeGuards> guards = new java.util.HashMap<>();
    /** {@code volume + NUL + tree} of the trees already given an empty-tree guard. */
    private final java.util.Set<String> guardedTrees = new java.util.HashSet<>();

    CorePlanContext(PluginRegistry registry, RdumpConfig config, String runStamp) {
        this(registry, config, runStamp, java.util.Set.of());
    }

    private org.rdump.api.command.CommandRunner query = NO_QUERIES;

    CorePlanContext(PluginRegistry registry, RdumpConfig config, String runStamp, java.util.Set<String> allowShrink) {
        this.registry = registry;
        this.config = config;
        this.runStamp = runStamp;
        this.guardState = new GuardState(GuardState.beside(config.lockFile()));
        this.proofs = new org.rdump.core.ledger.LedgerProofs(config.ledgerFile());
        this.allowShrink = java.util.Set.copyOf(allowShrink);
    }

    /** Lets strategies run read-only queries through {@code runner} while planning. */
    CorePlanContext querying(org.rdump.api.command.CommandRunner runner) {
        this.query = java.util.Objects.requireNonNull(runner, "runner");
        return this;
    }

    @Override
    public org.rdump.api.command.CommandRunner queryRunner() {
        return query;
    }

    /** The volume's guards in this run (one object per volume). */
    VolumeGuards guards(VolumeSpec volume) {
        return guards.computeIfAbsent(volume.name(), n -> VolumeGuards.of(volume, guardState, allowShrink.contains(n)));
    }

    @Override
    public String runStamp() {
        return runStamp;
    }

    @Override
    public List<Step> integritySteps(VolumeSpec volume, Path tree, @Nullable Path copyBackTo) {
        if (!volume.wantsIntegrity()) {
            return List.of();
        }
        IntegrityStore store = registry.get(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE);
        List<Step> steps = new ArrayList<>();
        guardedTrees.add(volume.name() + "\0" + tree);
        steps.add(new EmptyTreeGuardStep(guards(volume), tree, org.rdump.api.Phase.INTEGRITY));
        steps.add(new UpdateManifestStep(volume.name(), store, tree, guards(volume)));
        if (copyBackTo != null && !copyBackTo.equals(tree)) {
            steps.add(new CopyManifestBackStep(volume.name(), tree, copyBackTo));
        }
        return steps;
    }

    @Override
    public List<Step> backupSteps(VolumeSpec volume, Path source) {
        List<Step> steps = new ArrayList<>();
        if (guardedTrees.add(volume.name() + "\0" + source)) {
            steps.add(new EmptyTreeGuardStep(guards(volume), source, org.rdump.api.Phase.BACKUP));
        }
        for (ToolTarget target : targets(volume)) {
            BackupTool tool = registry.get(BackupTool.class, target.tool());
            steps.addAll(tool.steps(new BackupRequest(target, volume.name(), source,
                    volume.name() + "-" + runStamp)));
            if (!target.tool().equals(ZFS_MIRROR)) {
                steps.add(new PruneStep(volume.name(), tool, target, guardState,
                        PruneStep.keepVerified(target) ? proofs(volume.name(), target.name()) : PruneProtection.NONE));
            }
        }
        steps.add(new GuardClearStep(guards(volume)));
        return steps;
    }

    /** The tool instances a volume's actions name, then its mirror into ZFS if it has one. */
    List<ToolTarget> targets(VolumeSpec volume) {
        List<ToolTarget> out = new ArrayList<>();
        for (String action : volume.actions()) {
            ToolTarget t = config.tools().get(action);
            if (t != null) {
                out.add(t);
            }
        }
        volume.settings().child("zfs").ifPresent(zfs -> {
            if (!registry.has(BackupTool.class, ZFS_MIRROR)) {
                throw new PluginException(ZFS_MIRROR, "volume " + volume.name() + " has a 'zfs:' mirror ("
                        + volume.settings().locate("zfs") + ") but " + registry.unknownMessage(BackupTool.class, ZFS_MIRROR));
            }
            out.add(new ToolTarget("zfs", ZFS_MIRROR, zfs));
        });
        return out;
    }

    /** From the ledger, read once ({@link org.rdump.core.ledger.LedgerProofs}). */
    @Override
    public PruneProtection proofs(String volume, String destination) {
        return proofs.protection(volume, destination);
    }

    @Override
    public SnapshotProvider snapshotProvider(String id) {
        return registry.get(SnapshotProvider.class, id);
    }
}
