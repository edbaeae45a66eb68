package org.rdump.core.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.Secrets;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.ledger.Ledger;
import org.rdump.core.ledger.LedgerOpening;
import org.rdump.core.ledger.LedgerRecorder;
import org.rdump.core.ledger.LedgerSnapshot;
import org.rdump.core.ledger.RunOutcome;
import org.rdump.core.ledger.RunRecord;
import org.rdump.core.plan.Plan;
import org.rdump.core.run.RunResult;
import org.slf4j.LoggerFactory;

/**
 * What one run (under the configuration's lock) records and tells: its start and end in the
 * ledger, the metrics file at its end, and, for a backup run, the start, success and failure
 * pings. None of it can fail the run: every problem is a warning ({@code ledger},
 * {@code metrics} or {@code ping} in place of a volume name). Used once, from one thread.
 */
public final class RunRecording {
    private final RdumpConfig config;
    private final String kind;
    private final Plan plan;
    private final Clock clock;
    private final RunListener listener;
    private final @Nullable Ledger ledger;
    private final long runId;
    private final LedgerRecorder recorder;
    private final @Nullable Pinger pinger;

    private RunRecording(RdumpConfig config, String kind, Plan plan, Clock clock, RunListener listener,
                         @Nullable Ledger ledger, long runId, @Nullable Pinger pinger) {
        this.config = config;
        this.kind = kind;
        this.plan = plan;
        this.clock = clock;
        this.listener = listener;
        this.ledger = ledger;
        this.runId = runId;
        this.recorder = new LedgerRecorder(plan.steps(), clock);
        this.pinger = pinger;
    }

    /**
     * Opens the ledger (setting a damaged one aside), marks runs a kill left unfinished as
     * interrupted, records this run's start and sends the start ping.
     *
     * @param kind {@code backup}, {@code verify} or {@code restore}
     */
    public static RunRecording start(RdumpConfig config, String kind, Plan plan, Clock clock, RunListener listener) {
        Optional<Ledger> ledger = LedgerOpening.forRun(config.ledgerFile(), clock.instant(),
                m -> warn(listener, "ledger", m));
        long id = -1;
        if (ledger.isPresent()) {
            try {
                List<RunRecord> left = ledger.get().markInterrupted();
                if (!left.isEmpty()) {
                    warn(listener, "ledger", "recorded " + left.size() + " earlier run" + (left.size() == 1 ? "" : "s")
                            + " as interrupted (killed before it finished): " + String.join(", ", left.stream()
                            .map(r -> r.kind() + " " + r.stamp()).toList()));
                }
                id = ledger.get().startRun(kind, plan.runStamp(), clock.instant(),
                        plan.volumes().stream().map(VolumeSpec::name).toList());
            } catch (RdumpException e) {
                warn(listener, "ledger", e.getMessage() + "; this run is not recorded in the ledger");
                ledger.get().close();
                ledger = Optional.empty();
            }
        }
        Pinger pinger = config.ping() != null && kind.equals("backup")
                ? new Pinger(config.ping(), m -> warn(listener, "ping", m)) : null;
        RunRecording r = new RunRecording(config, kind, plan, clock, listener, ledger.orElse(null), id, pinger);
        if (pinger != null) {
            pinger.ping(Pinger.Kind.START, "rdump " + kind + " " + plan.runStamp() + " started: "
                    + r.volumeNames());
        }
        return r;
    }

    /** The listener that feeds the ledger; the run's events must reach it. */
    public RunListener listener() {
        return recorder;
    }

    /** Records the run's result, writes the metrics file, sends the success or failure ping, closes the ledger. */
    public void finish(RunResult result) {
        // a signal interrupted the run's thread: the ledger, the file and the ping must still go out
        boolean interrupted = Thread.interrupted();
        try {
            finishResult(result);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finishResult(RunResult result) {
        RunOutcome outcome = LedgerRecorder.outcome(result);
        String error = LedgerRecorder.error(result);
        record(outcome, error, () -> ledger.finishRun(runId, outcome, error, clock.instant(),
                recorder.volumes(result), recorder.backups(plan.runStamp()), recorder.verifications()));
        String body = String.format(Locale.ROOT, "rdump %s %s %s in %.1f s: %d of %d steps; volumes %s%s%s", kind,
                plan.runStamp(), result.succeeded() ? "succeeded" : "FAILED", result.elapsed().toMillis() / 1000.0,
                result.performed(), result.total(), volumeNames(),
                result.failedVolumes().isEmpty() ? "" : "; failed: " + String.join(", ", result.failedVolumes().keySet()),
                error == null ? "" : "\n" + error);
        end(result.succeeded(), body);
    }

    /** Records a run that failed before its steps (pre-flight), and sends the failure ping. */
    public void finish(RuntimeException beforeSteps) {
        boolean interrupted = Thread.interrupted();
        try {
            finishEarly(beforeSteps);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finishEarly(RuntimeException beforeSteps) {
        String error = Secrets.redact(String.valueOf(beforeSteps.getMessage()));
        Map<String, Map.Entry<RunOutcome, @Nullable String>> volumes = new LinkedHashMap<>();
        plan.volumes().forEach(v -> volumes.put(v.name(), new AbstractMap.SimpleImmutableEntry<>(RunOutcome.FAILED,
                error)));
        record(RunOutcome.FAILED, error, () -> ledger.finishRun(runId, RunOutcome.FAILED, error,
                clock.instant(), volumes, List.of(), List.of()));
        end(false, "rdump " + kind + " " + plan.runStamp() + " FAILED before it started: " + error);
    }

    private void record(RunOutcome outcome, @Nullable String error, Runnable write) {
        if (ledger == null) {
            return;
        }
        try {
            write.run();
        } catch (RdumpException e) {
            warn(listener, "ledger", e.getMessage() + "; this run's end is not recorded (" + outcome.label()
                    + (error == null ? "" : ": " + error) + ")");
        }
    }

    private void end(boolean succeeded, String body) {
        try {
            if (config.metricsFile() != null) {
                writeMetrics();
            }
        } finally {
            if (ledger != null) {
                ledger.close();
            }
        }
        if (pinger != null) {
            pinger.ping(succeeded ? Pinger.Kind.SUCCESS : Pinger.Kind.FAILURE, body);
        }
    }

    private void writeMetrics() {
        try {
            if (ledger == null) {
                warn(listener, "metrics", "the metrics file " + config.metricsFile() + " is not updated: there is no"
                        + " ledger to compute it from");
                return;
            }
            LedgerSnapshot snapshot = ledger.snapshot();
            Map<String, List<String>> destinations = new LinkedHashMap<>();
            config.volumes().forEach(v -> destinations.put(v.name(), config.backupDestinations(v)));
            MetricsFile.write(config.metricsFile(), MetricsFile.render(destinations, snapshot));
        } catch (RdumpException e) {
            warn(listener, "metrics", e.getMessage());
        }
    }

    private String volumeNames() {
        return String.join(", ", plan.volumes().stream().map(VolumeSpec::name).toList());
    }

    private static void warn(RunListener listener, String what, String message) {
        LoggerFactory.getLogger("rdump." + what).debug(message);
        listener.onEvent(new RunEvent.Warning(what, message));
    }
}
