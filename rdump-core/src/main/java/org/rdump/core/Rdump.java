package org.rdump.core;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.PreflightException;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.Step;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.Trees;
import org.rdump.core.command.DryRunCommandRunner;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.plan.Plan;
import org.rdump.core.plan.Planner;
import org.rdump.core.plugin.PluginPath;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.run.DefaultRunContext;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.core.monitor.RunRecording;
import org.rdump.core.run.Journal;
import org.rdump.core.run.Preflight;
import org.rdump.core.run.Recovery;
import org.rdump.core.run.RunLocks;
import org.rdump.core.run.RunResult;
import org.rdump.core.run.ShutdownGuard;
import org.rdump.core.run.StepRunner;
import org.slf4j.LoggerFactory;

/**
 * rdump as a library: load a configuration, plan a run, run it (or show it). Immutable and
 * thread-safe; each {@link PlannedRun} is run once.
 *
 * <pre>{@code
 * Rdump rdump = Rdump.load(Path.of("rdump.yaml"));
 * rdump.plan("boot").dryRun().forEach(System.out::println);   // what would run
 * RunResult r = rdump.plan("boot").run();                      // lock, run, clean up
 * r.volumes().forEach(v -> System.out.println(v.volume() + " " + v.outcome() + " " + v.created()));
 * }</pre>
 */
public final class Rdump {
    private final RdumpConfig config;
    private final PluginRegistry registry;
    private final CommandRunner runner;
    private final RunListener listener;
    private final Clock clock;
    private final boolean handleSignals;

    private Rdump(Builder b, RdumpConfig config) {
        this.config = config;
        this.registry = b.registry;
        this.runner = b.runner;
        this.listener = b.listener;
        this.clock = b.clock;
        this.handleSignals = b.handleSignals;
    }

    /**
     * Loads {@code file} with the plugins on the class path and the standard plugin path, and runs
     * commands locally; the same as {@code builder().config(file).build()}.
     *
     * @param file the YAML configuration file; relative paths in it resolve against its directory
     * @return the loaded rdump; never null
     * @throws org.rdump.api.ConfigException listing every problem of the configuration
     */
    public static Rdump load(Path file) {
        return builder().config(file).build();
    }

    /**
     * Starts building an rdump with other plugins, runner, listener or clock than the defaults.
     *
     * @return a new builder; {@link Builder#config(Path)} must be called before {@link Builder#build()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The loaded, validated configuration.
     *
     * @return never null
     */
    public RdumpConfig config() {
        return config;
    }

    /**
     * The plugins this rdump plans with: strategies, tools, integrity stores.
     *
     * @return never null
     */
    public PluginRegistry plugins() {
        return registry;
    }

    /**
     * The backup of the named volumes (all when none are named), without test restores. Plans
     * only: nothing runs until {@link PlannedRun#run()}.
     *
     * @param volumes configured volume names, in any order; none for every volume
     * @return the planned backup; never null
     * @throws org.rdump.api.ConfigException naming an unknown volume
     */
    public PlannedRun plan(String... volumes) {
        return backup(Arrays.asList(volumes), false);
    }

    /**
     * The backup of the named volumes (all when empty), followed by test restores of the new
     * backups when {@code verify}.
     *
     * @param volumes configured volume names; empty for every volume; never null
     * @param verify whether each new backup is test-restored after it is made
     * @return the planned backup; never null
     * @throws org.rdump.api.ConfigException naming an unknown volume
     */
    public PlannedRun backup(List<String> volumes, boolean verify) {
        return backup(volumes, verify, java.util.Set.of());
    }

    /**
     * As {@link #backup(List, boolean)}, letting the new manifests of the volumes in
     * {@code allowShrink} lose more than their {@code max_shrink} (the command line's
     * {@code --allow-shrink VOLUME}): their shrink guard only warns in this run.
     *
     * @param volumes configured volume names; empty for every volume; never null
     * @param verify whether each new backup is test-restored after it is made
     * @param allowShrink configured volume names; never null
     * @return the planned backup; never null
     * @throws org.rdump.api.ConfigException naming an unknown volume
     */
    public PlannedRun backup(List<String> volumes, boolean verify, java.util.Set<String> allowShrink) {
        String stamp = DefaultRunContext.stampOf(clock);
        return new PlannedRun("backup", new Planner(registry, config, runner).backup(volumes, stamp, verify, allowShrink));
    }

    /**
     * Test restores of the newest (or the given) backup of the named volumes (all when empty), in
     * every destination of each volume.
     *
     * @param volumes configured volume names; empty for every volume; never null
     * @param archive the backup to check (a run stamp, or a tool's own archive name); null for the newest
     * @return the planned verification; never null
     * @throws org.rdump.api.ConfigException naming an unknown volume
     */
    public PlannedRun verify(List<String> volumes, @Nullable String archive) {
        return verify(volumes, archive, null);
    }

    /**
     * Test restores of the named volumes (all when empty): of the backup {@code archive} names
     * (a run stamp, or a tool's own archive name), or the newest, in every destination of each
     * volume, or only in the tool instance {@code tool}.
     *
     * @param volumes configured volume names; empty for every volume; never null
     * @param archive the backup to check (a run stamp, or a tool's own archive name); null for the newest
     * @param tool a tool instance name (as in the config); null for every destination
     * @return the planned verification; never null
     * @throws RdumpException when {@code tool} is not a destination of any selected volume
     * @since 0.4
     */
    public PlannedRun verify(List<String> volumes, @Nullable String archive, @Nullable String tool) {
        return verify(volumes, archive, tool, null);
    }

    /**
     * As {@link #verify(List, String, String)}; with {@code sample}, each destination gets a
     * sampled check ({@code rdump verify --sample 5%}, {@link org.rdump.core.sample.SampleStep})
     * instead of a full test restore: the next slice of the cycle the ledger records, so that
     * successive runs check every entry before any repeats. {@code 100%} is a full test restore.
     *
     * @param volumes configured volume names; empty for every volume; never null
     * @param archive the backup to check (a run stamp, or a tool's own archive name); null for the newest
     * @param tool a tool instance name (as in the config); null for every destination
     * @param sample {@link org.rdump.core.sample.SampleSize#parse}, or null for full test restores
     * @return the planned verification; never null
     * @throws RdumpException when {@code tool} is not a destination of any selected volume
     * @since 0.5
     */
    public PlannedRun verify(List<String> volumes, @Nullable String archive, @Nullable String tool,
                             org.rdump.core.sample.@Nullable SampleSize sample) {
        String stamp = DefaultRunContext.stampOf(clock);
        return new PlannedRun("verify", new Planner(registry, config, runner).verify(volumes, stamp, archive, tool,
                sample));
    }

    /**
     * Every backup of the named volumes (all when empty) in each of their destinations (only
     * {@code tool} when named), newest first per volume, volumes in config order. Runs the tools'
     * read-only listings; takes no lock.
     *
     * @param volumes configured volume names; empty for every volume (then volumes without
     *     {@code tool} are skipped rather than an error); never null
     * @param tool a tool instance name (as in the config); null for every destination
     * @return never null; empty when there are no backups
     * @throws RdumpException when a listing fails, or {@code tool} is not a destination of a named volume
     * @since 0.4
     */
    public List<org.rdump.core.restore.Backup> list(List<String> volumes, @Nullable String tool) {
        org.rdump.core.restore.Backups backups = new org.rdump.core.restore.Backups(registry, config);
        DefaultRunContext ctx = new DefaultRunContext(runner, runner, clock, false, listener,
                DefaultRunContext.stampOf(clock), config.scratchRoot());
        List<org.rdump.core.restore.Backup> out = new ArrayList<>();
        for (org.rdump.api.VolumeSpec v : config.select(volumes)) {
            List<org.rdump.api.ToolTarget> dests;
            try {
                dests = backups.destinations(v, tool);
            } catch (RdumpException e) {
                if (volumes.isEmpty()) {
                    continue; // all volumes: those without that tool have nothing to show
                }
                throw e;
            }
            out.addAll(backups.list(v, dests, ctx, true));
        }
        return List.copyOf(out);
    }

    /**
     * What the ledger holds, read-only and without the lock ({@code rdump list}, the metrics).
     *
     * @return {@link org.rdump.core.ledger.LedgerSnapshot#EMPTY} when there is no ledger yet
     * @throws RdumpException when it cannot be read ({@link org.rdump.core.ledger.Ledger.DamagedException}
     *     when it is damaged; the next run sets it aside)
     * @since 0.4
     */
    public org.rdump.core.ledger.LedgerSnapshot ledger() {
        if (!Files.exists(config.ledgerFile())) {
            return org.rdump.core.ledger.LedgerSnapshot.EMPTY;
        }
        try (org.rdump.core.ledger.Ledger l = org.rdump.core.ledger.Ledger.openReadOnly(config.ledgerFile())) {
            return l.snapshot();
        }
    }

    /**
     * {@code rdump status}: the named volumes (all when empty) judged from the ledger at
     * {@code now}; a ledger that cannot be read gives a report that says so (state UNKNOWN).
     *
     * @param volumes configured volume names; empty for every volume; never null
     * @param defaults the thresholds of volumes whose config sets none
     * @param now the instant the ages are measured from (usually {@code clock().instant()})
     * @return the report, volumes in config order; never null
     * @throws org.rdump.api.ConfigException naming an unknown volume
     * @since 0.4
     */
    public org.rdump.core.status.StatusReport status(List<String> volumes,
                                                     org.rdump.core.status.StatusThresholds defaults,
                                                     java.time.Instant now) {
        List<org.rdump.api.VolumeSpec> selected = config.select(volumes);
        org.rdump.core.ledger.LedgerSnapshot snapshot;
        try {
            snapshot = ledger();
        } catch (RdumpException e) {
            return org.rdump.core.status.StatusReport.unreadable(e.getMessage(), now);
        }
        java.util.Map<String, List<String>> destinations = new java.util.LinkedHashMap<>();
        selected.forEach(v -> destinations.put(v.name(), config.backupDestinations(v)));
        return org.rdump.core.status.StatusReport.of(selected, destinations, snapshot, defaults, now);
    }

    /**
     * The clock runs and {@link #status} use (their run stamps and the ledger's times).
     *
     * @return the builder's clock, UTC system clock by default; never null
     */
    public Clock clock() {
        return clock;
    }

    /**
     * A restore ({@code rdump restore}): one step that picks the backup, restores it (or some
     * paths of it) into {@code request.to()}, and checks what it restored against the manifest
     * inside that backup; differences fail the run with a
     * {@link org.rdump.api.DifferencesFoundException} whose paths are relative to the volume.
     * An in-place request ({@link org.rdump.core.restore.RestoreRequest#inPlace}) restores into
     * the volume's live tree ({@link org.rdump.api.Strategy#liveTree}): staged and checked
     * first, then applied with rsync and checked again (see the README).
     *
     * @param request what to restore, from where, to where; never null
     * @return the planned restore, one step; never null
     * @throws org.rdump.api.ConfigException for an unknown volume
     * @throws RdumpException when {@code request.tool()} is not a destination of the volume
     * @throws RdumpException for an in-place restore of a volume whose strategy knows no live tree
     * @since 0.4
     */
    public PlannedRun restore(org.rdump.core.restore.RestoreRequest request) {
        String stamp = DefaultRunContext.stampOf(clock);
        org.rdump.api.VolumeSpec v = config.select(List.of(request.volume())).get(0);
        org.rdump.core.restore.Backups backups = new org.rdump.core.restore.Backups(registry, config);
        backups.destinations(v, request.tool()); // an unknown tool fails here, before anything runs
        org.rdump.api.IntegrityStore store = registry.get(org.rdump.api.IntegrityStore.class,
                org.rdump.core.config.ConfigLoader.INTEGRITY_STORE);
        Path live = null;
        if (request.inPlace()) {
            live = registry.get(org.rdump.api.Strategy.class, v.strategy()).liveTree(v, runner)
                    .orElseThrow(() -> new RdumpException("volume " + v.name() + " (" + v.strategy() + ") has no live"
                            + " tree rdump knows, so it cannot be restored in place; restore with --to DIR and copy"
                            + " what you need"));
        }
        Step step = new org.rdump.core.restore.RestoreStep(request, v, backups, registry, store, live,
                v.settings().bool(org.rdump.core.guard.VolumeGuards.MOUNTPOINT, false));
        return new PlannedRun("restore", new org.rdump.core.plan.Plan(stamp, List.of(v), List.of(step)));
    }

    /**
     * Runs a restore ({@link #restore}) and returns what it did and found: the backup chosen, the
     * counts of entries restored and checked, and the verdict with the differences. Differences
     * are a result ({@link org.rdump.core.restore.RestoreResult.Verdict#DIFFERS}), not an
     * exception.
     *
     * @param request what to restore, from where, to where; never null
     * @return what the restore did and found; never null
     * @throws org.rdump.api.ConfigException for an unknown volume
     * @throws org.rdump.api.RdumpException when the restore failed before its check (no such
     *     backup or path, a tool failed, the target is not empty): the run's first error
     * @since 0.4
     */
    public org.rdump.core.restore.RestoreResult restoreAndCheck(org.rdump.core.restore.RestoreRequest request) {
        PlannedRun run = restore(request);
        org.rdump.core.restore.RestoreStep step = (org.rdump.core.restore.RestoreStep) run.steps().get(0);
        RunResult r = run.run();
        return step.result().orElseThrow(() -> r.firstError().orElseGet(
                () -> new org.rdump.api.RdumpException("the restore of volume " + request.volume() + " did not run")));
    }

    /** A planned run: describe it, show it as a dry run, or run it once. */
    public final class PlannedRun {
        private final String kind;
        private final Plan plan;

        private PlannedRun(String kind, Plan plan) {
            this.kind = kind;
            this.plan = plan;
        }

        /**
         * What kind of run this is.
         *
         * @return {@code backup}, {@code verify} or {@code restore}, as the ledger records it
         */
        public String kind() {
            return kind;
        }

        /**
         * The plan: the run stamp, the volumes, the steps and the resources the run locks.
         *
         * @return never null
         */
        public Plan plan() {
            return plan;
        }

        /**
         * The steps, in the order they run; the same as {@code plan().steps()}.
         *
         * @return never null, unmodifiable
         */
        public List<Step> steps() {
            return plan.steps();
        }

        /**
         * The plan as text; runs nothing.
         *
         * @return one line per step under a heading per phase; never null
         */
        public List<String> describe() {
            return plan.describe();
        }

        /**
         * Runs nothing: performs every step against a recorder and returns each step with the
         * exact commands it would run, then the cleanups: {@link #dryRunResult()} as text.
         *
         * @return the lines of the dry run; never null
         */
        public List<String> dryRun() {
            return dryRunResult().lines();
        }

        /**
         * Runs nothing: performs every step against a recorder and returns, as data, each step
         * with the exact commands (argument vectors) it would run, then the cleanups that would
         * run something, the pre-flight problems, and what stopped the dry run if anything did.
         * Read-only queries (listings) run for real, so the plan is the real one. Takes no lock; a
         * failing step does not throw: its error is in the result.
         *
         * @return never null
         * @since 0.5
         */
        public org.rdump.core.plan.DryRunResult dryRunResult() {
            List<PreflightProblem> problems = preflight();
            org.rdump.core.plan.DryRunResult.Recorder recorder =
                    new org.rdump.core.plan.DryRunResult.Recorder(plan.steps());
            RunListener collect = e -> {
                recorder.onEvent(e);
                if (e instanceof RunEvent.Warning) {
                    listener.onEvent(e); // the rest is in the result
                }
            };
            // Mutations are shown, not run; read-only queries (listings) run for real so the plan is real.
            DefaultRunContext ctx = new DefaultRunContext(new DryRunCommandRunner(collect), runner, clock, true, collect,
                    plan.runStamp(), config.scratchRoot().resolve("rdump-dry-run"));
            RunResult r = new StepRunner().run(plan.steps(), ctx);
            return recorder.result(problems, r.firstError().map(Throwable::getMessage).orElse(null));
        }

        /**
         * Checks, changing nothing, what would make the run fail ({@link Step#preflight}: programs,
         * repositories, destinations, datasets), with read-only commands run for real.
         *
         * @return every problem found, in plan order; never null, empty when nothing is wrong
         */
        public List<PreflightProblem> preflight() {
            DefaultRunContext ctx = new DefaultRunContext(new DryRunCommandRunner(RunListener.NONE), runner, clock,
                    true, RunListener.NONE, plan.runStamp(), config.scratchRoot().resolve("rdump-preflight"));
            return Preflight.check(plan.steps(), ctx);
        }

        /**
         * Takes the config's lock, undoes what a killed earlier run left (see {@link Recovery}),
         * checks {@link #preflight()}, performs the steps, cleans up, releases the lock. Everything the run creates that
         * outlives a step is journaled first ({@link Journal}).
         *
         * @return the result; a failed step does not throw (see {@link RunResult#orThrow()})
         * @throws org.rdump.api.LockHeldException when another run of this config, or one using a resource of
         *     this plan, is going on
         * @throws PreflightException listing every problem {@link #preflight()} found; nothing
         *     was changed then
         */
        public RunResult run() {
            // The guard is closed last but for the locks: a signal's exit waits until the scratch is
            // deleted and the journal compacted, not only until the steps' cleanups are done.
            try (RunLocks locks = RunLocks.acquire(config.lockFile(), config.file(), plan.resources());
                 ShutdownGuard guard = handleSignals ? new ShutdownGuard(Duration.ofMinutes(10)) : null;
                 Journal journal = Journal.open(Journal.beside(config.lockFile()), locks)) {
                RunRecording recording = RunRecording.start(config, kind, plan, clock, listener);
                Recovery.Report recovered;
                try {
                    recovered = recover(journal);
                    List<PreflightProblem> problems = preflight();
                    if (!problems.isEmpty()) {
                        throw new PreflightException(problems);
                    }
                } catch (RuntimeException e) {
                    recording.finish(e);
                    throw e;
                }
                RunResult result;
                try {
                    result = perform(journal, recording).withRecovered(recovered.undone());
                } catch (RuntimeException e) {
                    recording.finish(e);
                    throw e;
                }
                recording.finish(result);
                return result;
            }
        }

        private RunResult perform(Journal journal, RunRecording recording) {
            Path scratch = config.scratchRoot().resolve("rdump-" + plan.runStamp() + "-" + ProcessHandle.current().pid());
            Undo scratchUndo = journal.record(Undo.of("scratch", scratch.toString(), "rdump",
                    new UndoAction.Delete(scratch)));
            createDirectory(scratch);
            try {
                CommandRunner tracked = runner.tracking(journal);
                RunListener ledger = recording.listener();
                RunListener both = e -> {
                    ledger.onEvent(e);
                    listener.onEvent(e);
                };
                DefaultRunContext ctx = new DefaultRunContext(tracked, tracked, clock, false, both,
                        plan.runStamp(), scratch, journal);
                return new StepRunner(config.onError()).run(plan.steps(), ctx);
            } finally {
                deleteQuietly(scratch);
                if (!java.nio.file.Files.exists(scratch)) {
                    journal.done(scratchUndo);
                }
            }
        }
    }

    /**
     * Undoes what killed runs of this configuration left behind (under its lock), as every run
     * does first; for {@code rdump recover}.
     *
     * @return what was undone, what could not be, and the journal lines that could not be read;
     *     empty lists when nothing was left
     * @throws org.rdump.api.LockHeldException when a run of this config is going on
     */
    public Recovery.Report recover() {
        try (RunLocks locks = RunLocks.acquire(config.lockFile(), config.file(), List.of());
             Journal journal = Journal.open(Journal.beside(config.lockFile()), locks)) {
            return recover(journal);
        }
    }

    private Recovery.Report recover(Journal journal) {
        if (journal.openRecords().isEmpty() && journal.damagedLines().isEmpty()) {
            return new Recovery.Report(List.of(), List.of(), List.of());
        }
        DefaultRunContext ctx = new DefaultRunContext(runner, runner, clock, false, listener, "recovery",
                config.scratchRoot());
        return Recovery.run(journal, ctx);
    }

    /** Creates a run's private scratch directory (owner only). */
    private void createDirectory(Path dir) {
        try {
            Files.createDirectories(config.scratchRoot());
            Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RdumpException("cannot create a scratch directory under " + config.scratchRoot() + ": " + e
                    + "; set 'scratch:' in the config to a writable directory", e);
        }
    }

    /** Deletes a run's scratch directory; a failure is logged, never the run's result. */
    static void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (RdumpException e) {
            LoggerFactory.getLogger("rdump.run").warn(e.getMessage());
        }
    }

    /** Builds an {@link Rdump}; every part but the config has a default. */
    public static final class Builder {
        private @Nullable Path file;
        private @Nullable String text;
        private PluginRegistry registry;
        private PluginPath pluginPath = PluginPath.standard(null);
        private CommandRunner runner = new LocalCommandRunner();
        private RunListener listener = RunListener.NONE;
        private Clock clock = Clock.systemUTC();
        private boolean handleSignals;

        private Builder() {
        }

        /**
         * The configuration file, read by {@link #build()}.
         *
         * @param file the YAML file; relative paths in it resolve against its directory
         * @return this builder
         * @throws NullPointerException when {@code file} is null
         */
        public Builder config(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Configuration text, read as if from {@code file} (relative paths resolve against its
         * directory); the file itself is not read and need not exist.
         *
         * @param file the path the text is taken to come from (errors name it)
         * @param yaml the configuration
         * @return this builder
         * @throws NullPointerException when either is null
         */
        public Builder config(Path file, String yaml) {
            this.file = Objects.requireNonNull(file, "file");
            this.text = Objects.requireNonNull(yaml, "yaml");
            return this;
        }

        /**
         * The plugins; default: those on the class path and in the jars of the plugin path (see
         * {@link #pluginPath}).
         *
         * @param registry the plugins to plan with
         * @return this builder
         * @throws NullPointerException when {@code registry} is null
         */
        public Builder plugins(PluginRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The directories plugin jars are loaded from when no {@link #plugins registry} is given;
         * default: {@link PluginPath#standard} ({@code RDUMP_PLUGIN_PATH},
         * {@code /usr/lib/rdump/plugins}, {@code ~/.local/share/rdump/plugins}). Pass
         * {@link PluginPath#of} for the application's own, or {@link PluginPath#none()}.
         *
         * @param path where plugin jars are looked for
         * @return this builder
         * @throws NullPointerException when {@code path} is null
         */
        public Builder pluginPath(PluginPath path) {
            this.pluginPath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Runs the commands; default: {@link LocalCommandRunner}, on this machine.
         *
         * @param runner runs every external program of the runs
         * @return this builder
         * @throws NullPointerException when {@code runner} is null
         */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * Receives the runs' events (steps started and finished, progress, warnings) as they
         * happen, from the thread that raised each (progress comes from worker threads); default:
         * {@link RunListener#NONE}.
         *
         * @param listener thread-safe and quick, and must not throw ({@link RunListener})
         * @return this builder
         * @throws NullPointerException when {@code listener} is null
         */
        public Builder listener(RunListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The clock of run stamps, ledger times and status ages; default: the UTC system clock.
         *
         * @param clock a fixed clock makes run stamps predictable (tests)
         * @return this builder
         * @throws NullPointerException when {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether SIGINT/SIGTERM interrupt a run and wait for its cleanups (the command line does);
         * default: off, the application handles its own signals.
         *
         * @param on whether {@link PlannedRun#run()} installs a shutdown guard for its duration
         * @return this builder
         */
        public Builder handleSignals(boolean on) {
            this.handleSignals = on;
            return this;
        }

        /**
         * Loads and validates the configuration.
         *
         * @return the rdump; never null
         * @throws IllegalStateException when no configuration was given
         * @throws org.rdump.api.ConfigException listing every problem
         */
        public Rdump build() {
            if (file == null) {
                throw new IllegalStateException("no configuration: call config(Path) first");
            }
            if (registry == null) {
                registry = PluginRegistry.discover(pluginPath);
                registry.brokenProviders().forEach(b ->
                        LoggerFactory.getLogger("rdump.plugins").warn(b));
            }
            ConfigLoader loader = new ConfigLoader(registry);
            RdumpConfig config = text == null ? loader.load(file) : loader.parse(file, new StringReader(text));
            return new Rdump(this, config);
        }
    }
}
