package org.rdump.core.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.BackupTool;
import org.rdump.api.IntegrityStore;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.guard.MountPointGuardStep;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.verify.VerifyStep;

/**
 * Builds the {@link Plan} of a run: asks each selected volume's strategy for its steps, adds
 * the {@code snapstamp} step of volumes with a {@code mount} (after the mount-point guard of those
 * with {@code mountpoint: true}), and, when asked, a test restore
 * (VERIFY) of every tool the volume backs up to; then orders all steps by phase, keeping each
 * volume's own order within a phase. Pure: runs nothing.
 */
public final class Planner {
    private final PluginRegistry registry;
    private final RdumpConfig config;

    public Planner(PluginRegistry registry, RdumpConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /**
     * The backup plan.
     *
     * @param names volumes to back up; empty for all
     * @param verify whether to add a test restore of each backup after all backups
     * @throws org.rdump.api.ConfigException for an unknown volume name
     */
    public Plan backup(List<String> names, String runStamp, boolean verify) {
        return backup(names, runStamp, verify, java.util.Set.of());
    }

    /**
     * The backup plan, letting the named volumes' new manifests shrink beyond {@code max_shrink}.
     *
     * @param allowShrink volumes whose shrink guard only warns in this run
     * @throws org.rdump.api.ConfigException for an unknown volume name, also in {@code allowShrink}
     */
    public Plan backup(List<String> names, String runStamp, boolean verify, java.util.Set<String> allowShrink) {
        List<VolumeSpec> volumes = config.select(names);
        config.select(List.copyOf(allowShrink)); // names each unknown one
        CorePlanContext ctx = new CorePlanContext(registry, config, runStamp, allowShrink);
        List<Step> steps = new ArrayList<>();
        for (VolumeSpec v : volumes) {
            v.settings().optionalPath("mount").ifPresent(m -> {
                if (ctx.guards(v).mountpoint()) {
                    steps.add(new MountPointGuardStep(ctx.guards(v), m)); // before anything is written to it
                }
                steps.add(new StampStep(v.name(), m));
            });
            steps.addAll(registry.get(Strategy.class, v.strategy()).plan(v, ctx));
            if (verify) {
                steps.addAll(verifySteps(v, ctx, null));
            }
        }
        return new Plan(runStamp, volumes, byPhase(steps));
    }

    /**
     * The test-restore plan: for each selected volume, each tool it backs up to.
     *
     * @param archive a backup id to verify instead of the newest, or null
     */
    public Plan verify(List<String> names, String runStamp, @Nullable String archive) {
        List<VolumeSpec> volumes = config.select(names);
        CorePlanContext ctx = new CorePlanContext(registry, config, runStamp);
        List<Step> steps = new ArrayList<>();
        for (VolumeSpec v : volumes) {
            steps.addAll(verifySteps(v, ctx, archive));
        }
        return new Plan(runStamp, volumes, steps);
    }

    private List<Step> verifySteps(VolumeSpec v, CorePlanContext ctx, @Nullable String archive) {
        List<Step> out = new ArrayList<>();
        IntegrityStore store = registry.get(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE);
        for (ToolTarget t : ctx.targets(v)) {
            if (t.tool().equals(CorePlanContext.ZFS_MIRROR)) {
                continue; // the mirror is a copy of the same tree; verified through its snapshots by zfs tooling
            }
            out.add(new VerifyStep(v.name(), registry.get(BackupTool.class, t.tool()), t, archive, store));
        }
        return out;
    }

    /** Stable sort by phase: within a phase, volumes keep config order and steps their own order. */
    static List<Step> byPhase(List<Step> steps) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::phase));
        return sorted;
    }

}
