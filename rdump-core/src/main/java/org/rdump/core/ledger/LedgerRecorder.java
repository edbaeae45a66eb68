package org.rdump.core.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupResult;
import org.rdump.api.IntegrityReport;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.RunEvent;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.RunListener;
import org.rdump.api.Step;
import org.rdump.api.command.Secrets;
import org.rdump.api.support.BackupStep;
import org.rdump.core.plan.UpdateManifestStep;
import org.rdump.core.restore.RestoreResult;
import org.rdump.core.restore.RestoreStep;
import org.rdump.core.run.RunResult;
import org.rdump.core.sample.SampleStep;
import org.rdump.core.verify.VerifyStep;

/**
 * The one place that turns a run into ledger rows: listens to the run's events (which step
 * started, finished or failed, how long it took, the warnings it raised) and, at the end, reads
 * the typed results its steps hold ({@link BackupStep#result()}, {@link UpdateManifestStep#update()},
 * {@link VerifyStep#report()}, {@link RestoreStep#result()}) and the {@link RunResult}. When runs
 * report typed per-volume results themselves, only this class changes. Thread-safe.
 */
public final class LedgerRecorder implements RunListener {
    private static final int MAX_LINES = 100;
    private final List<Step> steps;
    private final Clock clock;
    private final Map<Integer, StepEnd> ends = new HashMap<>();
    private final Map<Integer, List<String>> warnings = new HashMap<>();
    private final Map<String, String> cleanupErrors = new LinkedHashMap<>();
    private int current = -1;
    private long startedNanos;

    /** What became of one started step. */
    private record StepEnd(Duration elapsed, @Nullable String error, Instant at) { }

    /**
     * A recorder of a run of {@code steps}; register it as a listener of the run.
     *
     * @param steps the plan's steps, in run order
     * @param clock gives each step's end time
     */
    public LedgerRecorder(List<Step> steps, Clock clock) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        if (event instanceof RunEvent.StepStarted s) {
            current = s.index() - 1;
            startedNanos = System.nanoTime();
        } else if (event instanceof RunEvent.StepFinished f && current >= 0) {
            ends.put(current, new StepEnd(f.elapsed(), null, clock.instant()));
        } else if (event instanceof RunEvent.StepFailed f && current >= 0) {
            ends.put(current, new StepEnd(Duration.ofNanos(System.nanoTime() - startedNanos),
                    Secrets.redact(f.message()), clock.instant()));
        } else if (event instanceof RunEvent.Warning w && current >= 0 && !ends.containsKey(current)) {
            warnings.computeIfAbsent(current, k -> new ArrayList<>()).add(Secrets.redact(w.message()));
        } else if (event instanceof RunEvent.CleanupFailed c) {
            cleanupErrors.putIfAbsent(c.volume(), "cleanup '" + c.description() + "' failed: "
                    + Secrets.redact(c.message()));
        }
    }

    /**
     * How the run ended.
     *
     * @param result the run's result
     * @return SUCCEEDED, INTERRUPTED or FAILED
     */
    public static RunOutcome outcome(RunResult result) {
        if (result.succeeded()) {
            return RunOutcome.SUCCEEDED;
        }
        return result.failure() instanceof RunInterruptedException ? RunOutcome.INTERRUPTED : RunOutcome.FAILED;
    }

    /**
     * The run's first error, secrets masked, or null.
     *
     * @param result the run's result
     * @return null when it succeeded
     */
    public static @Nullable String error(RunResult result) {
        return result.firstError().map(e -> Secrets.redact(String.valueOf(e.getMessage()))).orElse(null);
    }

    /**
     * Each planned volume's outcome and error, in plan order.
     *
     * @param result the run's result
     * @return never null; an entry's error is null when the volume succeeded
     */
    public synchronized Map<String, Map.Entry<RunOutcome, @Nullable String>> volumes(RunResult result) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // planned, performed
        for (int i = 0; i < steps.size(); i++) {
            int[] c = counts.computeIfAbsent(steps.get(i).volume(), k -> new int[2]);
            c[0]++;
            StepEnd end = ends.get(i);
            if (end != null && end.error() == null) {
                c[1]++;
            }
        }
        Map<String, Map.Entry<RunOutcome, @Nullable String>> out = new LinkedHashMap<>();
        counts.remove(org.rdump.core.run.StepRunner.RUN); // the run's own hooks: their failure is the run's
        RuntimeException runHook = result.failedVolumes().get(org.rdump.core.run.StepRunner.RUN);
        counts.forEach((volume, c) -> {
            RuntimeException failed = result.failedVolumes().get(volume);
            RunOutcome o;
            String error = null;
            if (failed != null) {
                o = failed instanceof RunInterruptedException ? RunOutcome.INTERRUPTED : RunOutcome.FAILED;
                error = Secrets.redact(String.valueOf(failed.getMessage()));
            } else if (cleanupErrors.containsKey(volume)) {
                o = RunOutcome.FAILED;
                error = cleanupErrors.get(volume);
            } else if (c[1] == c[0]) {
                o = RunOutcome.SUCCEEDED;
            } else {
                o = result.failure() instanceof RunInterruptedException ? RunOutcome.INTERRUPTED : RunOutcome.SKIPPED;
                error = o == RunOutcome.INTERRUPTED ? error(result) : runHook != null
                        ? "skipped: a hook of the run failed: " + Secrets.redact(String.valueOf(runHook.getMessage()))
                        : "skipped: an earlier volume failed (on_error: stop)";
            }
            out.put(volume, new AbstractMap.SimpleImmutableEntry<>(o, error));
        });
        return out;
    }

    /**
     * Every backup the run made or attempted: one per started backup step.
     *
     * @param runStamp the run's stamp, for a backup that failed before its tool named it
     * @return never null; empty when no backup step started
     */
    public synchronized List<BackupRecord> backups(String runStamp) {
        Map<String, ManifestUpdate> manifests = new HashMap<>();
        for (Step s : steps) {
            if (s instanceof UpdateManifestStep u) {
                u.update().ifPresent(m -> manifests.put(u.volume(), m));
            }
        }
        List<BackupRecord> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepEnd end = ends.get(i);
            if (!(steps.get(i) instanceof BackupStep b) || end == null) {
                continue;
            }
            ManifestUpdate m = manifests.get(b.volume());
            BackupResult r = b.result().orElse(null);
            ArchiveInfo a = r == null ? null : r.archive();
            long files = m != null ? m.files() : r != null ? r.files() : -1;
            long bytes = m != null ? m.bytes() : r != null ? r.bytes() : -1;
            String stamp = a != null ? a.stamp() : runStamp;
            Instant time = a != null ? a.time() : ArchiveInfo.STAMP.parse(runStamp, Instant::from);
            boolean ok = end.error() == null && r != null;
            out.add(new BackupRecord(b.volume(), b.target().name(), b.target().tool(), stamp, a == null ? null : a.id(),
                    time, m == null ? -1 : m.version().number(), files, bytes, end.elapsed(),
                    ok ? RunOutcome.SUCCEEDED : RunOutcome.FAILED, ok ? null : end.error(),
                    warnings.getOrDefault(i, List.of()), ok ? sha256(a) : null));
        }
        return out;
    }

    /** A tool's SHA-256 detail, if it is one; anything else is not recorded (the ledger keeps only checksums). */
    private static @Nullable String sha256(ArchiveInfo a) {
        String v = a.details().get(ArchiveInfo.SHA256);
        return BackupRecord.isSha256(v) ? v : null;
    }

    /**
     * Every test restore and restore check the run made: one per started verify or restore step.
     *
     * @return never null; empty when no verify or restore step started
     */
    public synchronized List<VerificationRecord> verifications() {
        List<VerificationRecord> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepEnd end = ends.get(i);
            if (end == null) {
                continue;
            }
            if (steps.get(i) instanceof VerifyStep v) {
                out.add(testRestore(v, end));
            } else if (steps.get(i) instanceof RestoreStep r) {
                out.add(restore(r, end));
            } else if (steps.get(i) instanceof SampleStep s) {
                out.add(sample(s, end));
            }
        }
        return out;
    }

    private static VerificationRecord testRestore(VerifyStep v, StepEnd end) {
        ArchiveInfo a = v.archive().orElse(null);
        IntegrityReport report = v.report().orElse(null);
        VerificationRecord.Verdict verdict = report == null ? VerificationRecord.Verdict.FAILED
                : report.clean() && end.error() == null ? VerificationRecord.Verdict.MATCHES
                : report.clean() ? VerificationRecord.Verdict.FAILED : VerificationRecord.Verdict.DIFFERS;
        return new VerificationRecord(VerificationRecord.TEST_RESTORE, v.volume(), v.target().name(),
                v.target().tool(), a == null ? null : a.stamp(), a == null ? null : a.time(), List.of(), -1, verdict,
                report == null ? 0 : report.differences().size(), report == null ? List.of() : lines(report),
                end.error(), end.at(), end.elapsed());
    }

    private static VerificationRecord sample(SampleStep s, StepEnd end) {
        SampleStep.SampleRun run = s.sample().orElse(null);
        IntegrityReport report = s.report().orElse(null);
        VerificationRecord.Verdict verdict = report == null ? VerificationRecord.Verdict.FAILED
                : report.clean() && end.error() == null ? VerificationRecord.Verdict.MATCHES
                : report.clean() ? VerificationRecord.Verdict.FAILED : VerificationRecord.Verdict.DIFFERS;
        ArchiveInfo a = run == null ? null : run.archive();
        SampleCoverage coverage = run == null ? null : new SampleCoverage(run.cycle(), run.seed(), run.entries(),
                run.paths().size(), run.cursor(), run.completes());
        return new VerificationRecord(VerificationRecord.SAMPLE, s.volume(), s.target().name(), s.target().tool(),
                a == null ? null : a.stamp(), a == null ? null : a.time(), List.of(), run == null ? -1
                : run.paths().size(), verdict, report == null ? 0 : report.differences().size(),
                report == null ? List.of() : lines(report), end.error(), end.at(), end.elapsed(), coverage);
    }

    private VerificationRecord restore(RestoreStep r, StepEnd end) {
        RestoreResult res = r.result().orElse(null);
        if (res == null) {
            String tool = r.request().tool();
            return new VerificationRecord(VerificationRecord.RESTORE, r.volume(), tool == null ? "" : tool, "",
                    null, null, r.request().paths(), -1, VerificationRecord.Verdict.FAILED, 0, List.of(), end.error(),
                    end.at(), end.elapsed());
        }
        boolean matches = res.verdict() == RestoreResult.Verdict.MATCHES;
        return new VerificationRecord(VerificationRecord.RESTORE, r.volume(), res.backup().target().name(),
                res.backup().target().tool(), res.backup().stamp(), res.backup().time(), res.paths(), res.checked(),
                matches ? VerificationRecord.Verdict.MATCHES : VerificationRecord.Verdict.DIFFERS,
                res.differences().differences().size(), lines(res.differences()), end.error(), end.at(), end.elapsed());
    }

    private static List<String> lines(IntegrityReport report) {
        return report.lines().stream().limit(MAX_LINES).toList();
    }
}
