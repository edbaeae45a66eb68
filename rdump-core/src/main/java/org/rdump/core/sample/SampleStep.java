package org.rdump.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupTool;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestVersion;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.ForwardingRunContext;
import org.rdump.api.support.Plural;
import org.rdump.api.support.Trees;
import org.rdump.core.ledger.Ledger;
import org.rdump.core.ledger.LedgerSnapshot;
import org.rdump.core.ledger.SampleCycle;
import org.rdump.core.restore.RestoreStep;

/**
 * The VERIFY step of {@code rdump verify --sample}: restores the next slice of one volume's newest
 * (or the named) backup from one tool instance ({@link BackupTool#restorePaths}, the machinery
 * of {@code restore --path}) into scratch and checks those entries against the manifest inside
 * the backup. Where the cycle stands (seed, cursor) is read from the ledger when the step runs;
 * what it covered is recorded there by {@link org.rdump.core.ledger.LedgerRecorder} with the run's
 * end, so a run killed before its end moves no cursor and its slice is checked again. Only the
 * sampled entries are judged: their parent directories are restored with them but not checked
 * (a full {@code rdump verify} checks directories). Cleanup deletes what it restored.
 */
public final class SampleStep implements Step {
    /** Paths per {@code restorePaths} call, so that an argument vector stays far below ARG_MAX. */
    static final int BATCH = 500;
    private static final SecureRandom SEEDS = new SecureRandom();
    private final String volume;
    private final BackupTool tool;
    private final ToolTarget target;
    private final @Nullable String archiveId;
    private final IntegrityStore store;
    private final SampleSize size;
    private final Path ledgerFile;
    private @Nullable Path work;
    private volatile @Nullable SampleRun sample;
    private volatile @Nullable IntegrityReport report;

    /**
     * @param archiveId the backup to sample, by run stamp or the tool's own name, or null for the newest
     * @param ledgerFile the configuration's ledger, which remembers where the cycle stands
     */
    public SampleStep(String volume, BackupTool tool, ToolTarget target, @Nullable String archiveId,
                      IntegrityStore store, SampleSize size, Path ledgerFile) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.tool = Objects.requireNonNull(tool, "tool");
        this.target = Objects.requireNonNull(target, "target");
        this.archiveId = archiveId;
        this.store = Objects.requireNonNull(store, "store");
        this.size = Objects.requireNonNull(size, "size");
        this.ledgerFile = Objects.requireNonNull(ledgerFile, "ledgerFile");
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "verify a sample of " + size.text() + " of " + (archiveId == null ? "the newest backup" : "backup "
                + archiveId) + " of " + volume + " in '" + target.name() + "' (" + tool.id()
                + ") against its manifest, continuing the cycle the ledger records";
    }

    /** The tool instance sampled. */
    public ToolTarget target() {
        return target;
    }

    /** What the step sampled, once it chose its slice. */
    public Optional<SampleRun> sample() {
        return Optional.ofNullable(sample);
    }

    /** What the check of the slice found, once it ran; differences also fail the step. */
    public Optional<IntegrityReport> report() {
        return Optional.ofNullable(report);
    }

    @Override
    public List<String> resources() {
        return tool.resources(target);
    }

    @Override
    public void perform(RunContext context) {
        RunContext query = context.dryRun() ? new Query(context) : context;
        ArchiveInfo archive = select(tool.list(target, volume, query));
        Path dir = context.scratchDirectory().resolve("sample-" + volume + "-" + target.name());
        work = dir;
        Path manifestDir = dir.resolve("manifest");
        Path tree = dir.resolve("tree");
        mkdirs(manifestDir);
        String what = "sampled check of " + archive.id() + " (volume " + volume + ", '" + target.name() + "')";
        Path manifest = manifestDir.resolve(IntegrityStore.DEFAULT_MANIFEST);
        try {
            tool.restorePaths(target, archive, List.of(IntegrityStore.DEFAULT_MANIFEST), manifestDir, query);
        } catch (RdumpException e) {
            throw noManifest(what, e.getMessage());
        }
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            throw noManifest(what, "it was not restored");
        }
        List<String> entries = SampleOrder.leaves(store.paths(manifest, IntegrityStore.Version.latest()));
        if (entries.isEmpty()) {
            throw new RdumpException(what + ": its manifest lists no entry to sample");
        }
        SampleRun run = choose(archive, entries, version(manifest), context);
        sample = run;
        String slice = run.paths().size() + " of " + Plural.of(entries.size(), "entry", "entries") + ", cycle "
                + run.cycle() + (run.continued() ? "" : " (new)");
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  backup " + archive.stamp() + ": cycle " + run.cycle()
                    + (run.continued() ? "" : " (new)") + ", would check " + Plural.of(run.paths().size(), "entry",
                    "entries") + " of " + entries.size() + (run.completes() ? ", completing the cycle" : "") + ":"));
            run.paths().forEach(p -> context.listener().onEvent(new RunEvent.DryRun("    " + p)));
            for (List<String> batch : batches(run.paths())) {
                tool.restorePaths(target, archive, batch, tree, context);
            }
            context.listener().onEvent(new RunEvent.DryRun("  check those entries against the "
                    + IntegrityStore.DEFAULT_MANIFEST + " inside the backup"));
            return;
        }
        mkdirs(tree);
        restore(archive, run.paths(), tree, context);
        var split = store.check(tree, manifest, IntegrityStore.Version.latest(), Set.of(),
                org.rdump.core.run.VolumeContext.of(context, volume)).withoutKindsNotIn(tool.keptKinds());
        Set<String> wanted = new HashSet<>();
        run.paths().forEach(p -> wanted.add(RestoreStep.escape(p)));
        Set<String> notKept = new HashSet<>();
        tool.notKept(archive).forEach(p -> notKept.add(RestoreStep.escape(p)));
        IntegrityReport found = only(split.getKey(), tree, wanted, notKept);
        report = found;
        String base = tree.toString() + "/";
        List<String> lost = split.getValue().stream().map(d -> d.path().startsWith(base)
                ? d.path().substring(base.length()) : d.path()).filter(wanted::contains).toList();
        if (!lost.isEmpty()) {
            context.listener().onEvent(new RunEvent.Warning(volume, what + ": not checked, because " + tool.id()
                    + " does not store them: " + String.join(", ", lost.stream().limit(5).toList())
                    + (lost.size() > 5 ? ", ..." : "")));
        }
        if (!found.clean()) {
            throw new DifferencesFoundException(what + " (" + slice + ", manifest version " + run.manifestVersion()
                    + ")", found);
        }
        context.listener().onEvent(new RunEvent.Report(volume, what + ": " + slice + ": every sampled entry matches"
                + " the manifest (version " + run.manifestVersion() + ")" + (run.completes() ? "; cycle " + run.cycle()
                + " is complete: every entry was checked once" : "")));
    }

    /** The slice this run checks: the ledger's open cycle continued, or a new one. */
    private SampleRun choose(ArchiveInfo archive, List<String> entries, String version, RunContext context) {
        LedgerSnapshot ledger = readLedger(context);
        Optional<SampleCycle> current = ledger.currentCycle(volume, target.name());
        boolean continued = current.isPresent() && !current.get().complete();
        long cycle;
        long seed;
        OptionalLong after;
        if (continued) {
            var last = current.get().runs().get(current.get().runs().size() - 1).sample();
            cycle = current.get().number();
            seed = last.seed();
            after = OptionalLong.of(last.cursor());
        } else {
            cycle = current.map(c -> c.number() + 1).orElse(1L);
            seed = SEEDS.nextLong();
            after = OptionalLong.empty();
        }
        long count = size.of(entries.size());
        SampleOrder.Slice slice = SampleOrder.next(seed, entries, after, count);
        return new SampleRun(archive, cycle, seed, entries.size(), slice.paths(), slice.cursor(), slice.completes(),
                continued, version);
    }

    private LedgerSnapshot readLedger(RunContext context) {
        if (!Files.exists(ledgerFile)) {
            if (context.dryRun()) {
                return LedgerSnapshot.EMPTY; // no run has finished yet: a real run starts it
            }
            throw noLedger("it does not exist (the run could not create it)");
        }
        try (Ledger l = Ledger.openReadOnly(ledgerFile)) {
            return l.snapshot();
        } catch (RdumpException e) {
            if (context.dryRun()) {
                context.listener().onEvent(new RunEvent.Warning(volume, "sample: " + e.getMessage()
                        + "; the dry run shows a new cycle (a real run sets a damaged ledger aside and starts one)"));
                return LedgerSnapshot.EMPTY;
            }
            throw noLedger(e.getMessage());
        }
    }

    private RdumpException noLedger(String why) {
        return new RdumpException("volume " + volume + ": a sampled verify needs the ledger " + ledgerFile
                + " to remember which entries earlier runs checked, and it cannot be read: " + why + "; nothing was"
                + " sampled (a random sample would repeat entries and never complete a cycle); fix the ledger"
                + " (or 'ledger:' in the config), or run a full 'rdump verify " + volume + "'");
    }

    /** Restores {@code paths} in batches; a batch that fails is retried path by path, so one lost entry is a difference. */
    private void restore(ArchiveInfo archive, List<String> paths, Path tree, RunContext context) {
        for (List<String> batch : batches(paths)) {
            try {
                tool.restorePaths(target, archive, batch, tree, context);
            } catch (RdumpException e) {
                int failed = 0;
                RdumpException first = null;
                for (String p : batch) {
                    try {
                        tool.restorePaths(target, archive, List.of(p), tree, context);
                    } catch (RdumpException one) {
                        failed++;
                        first = first == null ? one : first;
                        context.listener().onEvent(new RunEvent.Warning(volume, "sample: " + p + " could not be"
                                + " restored from '" + target.name() + "': " + one.getMessage().lines().findFirst()
                                .orElse("") + " (the check counts it as missing)"));
                    }
                }
                if (failed == batch.size()) {
                    throw first; // nothing of the batch came back: the tool failed, not one entry
                }
            }
        }
    }

    private static List<List<String>> batches(List<String> paths) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i += BATCH) {
            out.add(paths.subList(i, Math.min(paths.size(), i + BATCH)));
        }
        return out;
    }

    /** The differences of {@code report} at the sampled entries, paths relative to the volume's root. */
    private static IntegrityReport only(IntegrityReport report, Path tree, Set<String> wanted, Set<String> notKept) {
        String base = tree.toString();
        List<IntegrityReport.Difference> diffs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < report.differences().size(); i++) {
            IntegrityReport.Difference d = report.differences().get(i);
            String rel = d.path().startsWith(base + "/") ? d.path().substring(base.length() + 1) : d.path();
            if (!wanted.contains(rel) || d.change() == IntegrityReport.Change.REMOVED && notKept.contains(rel)) {
                continue;
            }
            diffs.add(new IntegrityReport.Difference(d.change(), rel, d.kind(), d.attributes()));
            lines.add(report.lines().get(i).replace("\"" + base + "/", "\""));
        }
        return new IntegrityReport(diffs, lines);
    }

    private ArchiveInfo select(List<ArchiveInfo> archives) {
        if (archiveId != null) {
            return archives.stream().filter(a -> a.matches(archiveId)).findFirst()
                    .orElseThrow(() -> new RdumpException("no backup named " + archiveId + " of volume "
                            + volume + " in '" + target.name() + "' to sample; 'rdump list " + volume
                            + "' shows its backups"));
        }
        return archives.stream().max(Comparator.comparing(ArchiveInfo::time).thenComparing(ArchiveInfo::id))
                .orElseThrow(() -> new RdumpException("no backup of volume " + volume + " in '" + target.name()
                        + "' to sample; run 'rdump backup " + volume + "' first"));
    }

    private RdumpException noManifest(String what, String why) {
        return new RdumpException(what + ": the backup's " + IntegrityStore.DEFAULT_MANIFEST + " cannot be read ("
                + why + "), so there is nothing to sample against; add 'rsure' to the actions of volume " + volume
                + " and back it up again");
    }

    private String version(Path manifest) {
        List<ManifestVersion> versions = store.versions(manifest);
        return versions.isEmpty() ? "?" : versions.get(0).number() + " '" + versions.get(0).name() + "'";
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RdumpException("cannot create the scratch directory " + dir + " for a sampled check: " + e, e);
        }
    }

    @Override
    public void cleanup(RunContext context) {
        Path dir = work;
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Trees.delete(dir); // within the run's journaled scratch, which goes too
        work = null;
    }

    /**
     * What one sampled run chose. Immutable.
     *
     * @param archive the backup sampled
     * @param cycle the cycle's number
     * @param seed the cycle's seed
     * @param entries how many entries of the backup could be sampled
     * @param paths the entries checked, in cycle order
     * @param cursor the position of the last of them
     * @param completes whether this run reaches the end of the cycle
     * @param continued whether it continues a cycle (else it starts one)
     * @param manifestVersion the manifest version they are checked against, {@code N 'NAME'}
     */
    public record SampleRun(ArchiveInfo archive, long cycle, long seed, long entries, List<String> paths, long cursor,
                            boolean completes, boolean continued, String manifestVersion) {
        public SampleRun {
            paths = List.copyOf(paths);
        }
    }

    /** A dry run's context for the read-only fetch of the manifest: commands run for real. */
    private static final class Query extends ForwardingRunContext {
        Query(RunContext run) {
            super(run);
        }

        @Override
        public CommandRunner runner() {
            return delegate().queryRunner();
        }
    }
}
