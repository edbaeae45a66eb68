package org.rdump.core.plan;

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
import java.nio.file.Path;
import org.rdump.core.guard.MountPointGuardStep;
import org.rdump.core.hook.DumpSpec;
import org.rdump.core.hook.HookSettings;
import org.rdump.core.hook.Hooks;
import org.rdump.core.run.StepRunner;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.sample.SampleStep;
import org.rdump.core.verify.VerifyStep;

/**
 * Builds the {@link Plan} of a run: asks each selected volume's strategy for its steps, adds
 * the {@code snapstamp} step of volumes with a {@code mount} (after the mount-point guard of those
 * with {@code mountpoint: true}, the volume's {@code before_backup} hooks and its dumps), and, when
 * asked, a test restore (VERIFY) of every tool the volume backs up to, then its {@code after_backup}
 * and {@code on_error} hooks; the run's own hooks come first and last. Then it orders all steps by
 * phase, keeping each volume's own order within a phase. Runs nothing but the read-only queries strategies make through
 * {@link org.rdump.api.PlanContext#queryRunner()}.
 */
public final class Planner {
    private final PluginRegistry registry;
    private final RdumpConfig config;

    private final org.rdump.api.command.CommandRunner query;

    public Planner(PluginRegistry registry, RdumpConfig config) {
        this(registry, config, org.rdump.api.PlanContext.NO_QUERIES);
    }

    /**
     * @param query runs the read-only queries strategies may make while planning ({@link
     *     org.rdump.api.PlanContext#queryRunner()})
     */
    public Planner(PluginRegistry registry, RdumpConfig config, org.rdump.api.command.CommandRunner query) {
        this.registry = registry;
        this.config = config;
        this.query = java.util.Objects.requireNonNull(query, "query");
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
        CorePlanContext ctx = new CorePlanContext(registry, config, runStamp, allowShrink).querying(query);
        List<Step> steps = new ArrayList<>();
        List<String> selected = volumes.stream().map(VolumeSpec::name).toList();
        steps.addAll(Hooks.before(StepRunner.RUN, config.hooks(), config.file(), selected));
        for (VolumeSpec v : volumes) {
            HookSettings hooks = HookSettings.of(v.settings());
            List<DumpSpec> dumps = DumpSpec.of(v.settings());
            v.settings().optionalPath("mount").ifPresent(m -> {
                if (ctx.guards(v).mountpoint()) {
                    steps.add(new MountPointGuardStep(ctx.guards(v), m)); // before anything is written to it
                }
            });
            steps.addAll(Hooks.before(v.name(), hooks, config.file(), selected));
            if (!dumps.isEmpty()) {
                steps.addAll(Hooks.dumps(v.name(), dumps, liveTree(v), config.file()));
            }
            v.settings().optionalPath("mount").ifPresent(m -> steps.add(new StampStep(v.name(), m)));
            steps.addAll(registry.get(Strategy.class, v.strategy()).plan(v, ctx));
            if (verify) {
                steps.addAll(verifySteps(v, ctx, null));
            }
            steps.addAll(Hooks.finish(v.name(), hooks, config.file(), selected));
        }
        steps.addAll(Hooks.finish(StepRunner.RUN, config.hooks(), config.file(), selected));
        return new Plan(runStamp, volumes, byPhase(steps));
    }

    /**
     * The test-restore plan: for each selected volume, each tool it backs up to.
     *
     * @param archive a backup id to verify instead of the newest, or null
     */
    public Plan verify(List<String> names, String runStamp, @Nullable String archive) {
        return verify(names, runStamp, archive, null);
    }

    /**
     * The test-restore plan, in every destination of each selected volume, or only in the tool
     * instance {@code tool}: a backup by run stamp or a tool's own name, or the newest.
     *
     * @param archive a backup's run stamp or tool id to verify instead of the newest, or null
     * @param tool the tool instance to verify in, or null for all
     * @throws org.rdump.api.RdumpException when {@code tool} is not a destination of a selected volume
     * @since 0.4
     */
    public Plan verify(List<String> names, String runStamp, @Nullable String archive, @Nullable String tool) {
        return verify(names, runStamp, archive, tool, null);
    }

    /**
     * As {@link #verify(List, String, String, String)}, or with {@code sample} a sampled check
     * ({@link SampleStep}) in each destination instead of a full test restore (100% is one).
     *
     * @param sample how much each sampled check takes, or null for full test restores
     * @since 0.5
     */
    public Plan verify(List<String> names, String runStamp, @Nullable String archive, @Nullable String tool,
                       org.rdump.core.sample.@Nullable SampleSize sample) {
        List<VolumeSpec> volumes = config.select(names);
        CorePlanContext ctx = new CorePlanContext(registry, config, runStamp).querying(query);
        List<Step> steps = new ArrayList<>();
        for (VolumeSpec v : volumes) {
            List<Step> full = verifySteps(v, ctx, archive, tool);
            if (sample == null || sample.everything()) {
                steps.addAll(full);
                continue;
            }
            for (Step s : full) {
                VerifyStep f = (VerifyStep) s;
                steps.add(new SampleStep(v.name(), registry.get(BackupTool.class, f.target().tool()), f.target(), archive,
                        registry.get(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE), sample, config.ledgerFile()));
            }
        }
        if (tool != null && steps.isEmpty()) {
            throw new org.rdump.api.RdumpException("no volume " + (names.isEmpty() ? "" : "of " + String.join(", ", names)
                    + " ") + "backs up to a tool named '" + tool + "'; the tools are: "
                    + String.join(", ", config.tools().keySet()));
        }
        return new Plan(runStamp, volumes, steps);
    }

    private List<Step> verifySteps(VolumeSpec v, CorePlanContext ctx, @Nullable String archive) {
        return verifySteps(v, ctx, archive, null);
    }

    private List<Step> verifySteps(VolumeSpec v, CorePlanContext ctx, @Nullable String archive, @Nullable String tool) {
        List<Step> out = new ArrayList<>();
        IntegrityStore store = registry.get(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE);
        for (ToolTarget t : ctx.targets(v)) {
            if (t.tool().equals(CorePlanContext.ZFS_MIRROR)) {
                continue; // the mirror is a copy of the same tree; verified through its snapshots by zfs tooling
            }
            if (tool != null && !t.name().equals(tool)) {
                continue;
            }
            out.add(new VerifyStep(v.name(), registry.get(BackupTool.class, t.tool()), t, archive, store));
        }
        return out;
    }

    /**
     * The tool instances a volume's backups are in: its actions' tools in the order of its
     * actions, its ZFS mirror (whose snapshots are its backups), then what its strategy keeps
     * itself ({@link Strategy#keptBackups}: ZFS snapshots, replicas).
     *
     * @param volume never null
     * @return never null
     * @since 0.4
     */
    public List<ToolTarget> destinations(VolumeSpec volume) {
        List<ToolTarget> out = new ArrayList<>(new CorePlanContext(registry, config, "destinations").targets(volume));
        out.addAll(registry.get(Strategy.class, volume.strategy()).keptBackups(volume));
        return List.copyOf(out);
    }

    /** Where a volume's dumps go: its strategy's live tree, else its {@code mount}. */
    private Path liveTree(VolumeSpec v) {
        return registry.get(Strategy.class, v.strategy()).liveTree(v, query)
                .or(() -> v.settings().optionalPath("mount"))
                .orElseThrow(() -> new org.rdump.api.RdumpException("volume '" + v.name() + "': its dump: needs the"
                        + " live tree to write into, which rdump does not know for a " + v.strategy() + " volume"
                        + " (set its 'mount', or move the dump to a volume that has one)"));
    }

    /** Stable sort by phase: within a phase, volumes keep config order and steps their own order. */
    static List<Step> byPhase(List<Step> steps) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::phase));
        return sorted;
    }

}
