package org.rdump.core.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.RunListener;
import org.rdump.api.Step;
import org.rdump.core.verify.VerifyStep;

/**
 * Performs steps in order. When a step fails, what happens next depends on {@link OnError}:
 * with {@link OnError#CONTINUE} (the default) the rest of that step's volume is skipped (its
 * retention too, so a run that made no new backup of a volume deletes none of its backups) and
 * the other volumes go on; with {@link OnError#STOP} nothing runs after the first failure, except
 * that after a failed test restore ({@link VerifyStep}) the further test restores still run
 * (they change nothing, and every volume gets its verdict). An interrupt
 * (SIGINT/SIGTERM via {@link ShutdownGuard}) stops everything. In every case the cleanups of
 * every step that performed or started to perform then run, newest first; cleanup errors are
 * reported without stopping the other cleanups. When all steps succeed the cleanups run too
 * (unmount, remove the snapshot), so that a run never leaves anything behind.
 *
 * <p>A {@link FinishingStep} (an {@code after_backup} or {@code on_error} hook) runs also after its
 * volume failed or the run stopped, when any step of its volume started; it is given the outcome
 * so far. A failed step of {@link #RUN} (the run's {@code before_backup} hook) stops the run.
 */
public final class StepRunner {

    /** What a failed step does to the rest of the run. */
    public enum OnError {
        /** Skip the rest of the failed volume; the other volumes go on. */
        CONTINUE,
        /** Stop: only further test restores run. */
        STOP
    }

    /**
     * The volume name of the run's own steps (its {@code before_backup}, {@code after_backup} and
     * {@code on_error} hooks); no configured volume can have it. A failed step of it that is not a
     * {@link FinishingStep} stops the run: no volume's step starts, only the run's finishing steps run.
     */
    public static final String RUN = "(run)";

    private final OnError onError;

    /** A runner that keeps going with the other volumes after a failure. */
    public StepRunner() {
        this(OnError.CONTINUE);
    }

    public StepRunner(OnError onError) {
        this.onError = java.util.Objects.requireNonNull(onError, "onError");
    }

    /** Runs {@code steps} with {@code context}; never throws for a step's failure (see {@link RunResult}). */
    public RunResult run(List<Step> steps, RunContext context) {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        StepRecords records = new StepRecords(steps);
        RunContext ctx = org.rdump.api.support.ForwardingRunContext.withListener(context,
                collectingWarnings(context.listener(), warnings, records));
        long start = System.nanoTime();
        CleanupStack cleanups = new CleanupStack();
        RuntimeException failure = null;
        Map<String, RuntimeException> failedVolumes = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        boolean stopping = false; // on_error: stop after a failed test restore: only test restores run
        boolean stopped = false; // nothing but finishing steps runs (on_error: stop, or the run's before hook failed)
        java.util.Set<String> attempted = new java.util.HashSet<>();
        java.util.Set<String> cut = new java.util.HashSet<>();
        Map<String, org.rdump.api.Phase> failedPhases = new java.util.HashMap<>();
        int performed = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (Thread.currentThread().isInterrupted()) {
                RunInterruptedException stop = new RunInterruptedException("interrupted before '" + step.describe()
                        + "'; everything set up so far has been cleaned up");
                if (failure != null) {
                    stop.addSuppressed(failure);
                }
                failure = stop;
                break;
            }
            boolean finishing = step instanceof FinishingStep;
            if (finishing ? !attempted.contains(step.volume()) && !RUN.equals(step.volume())
                    : stopped || failedVolumes.containsKey(step.volume()) || stopping && !(step instanceof VerifyStep)) {
                skipped.add(step.volume() + ": " + step.describe());
                if (!failedVolumes.containsKey(step.volume())) {
                    cut.add(step.volume());
                }
                continue;
            }
            attempted.add(step.volume());
            ctx.listener().onEvent(new RunEvent.StepStarted(i + 1, steps.size(), step.phase(), step.volume(),
                    step.describe()));
            long t0 = System.nanoTime();
            records.started(i);
            cleanups.push(step);
            try {
                if (step instanceof FinishingStep f) {
                    f.finish(ctx, outcome(step.volume(), failure, failedVolumes, failedPhases, cut));
                } else {
                    step.perform(ctx);
                }
            } catch (RuntimeException e) {
                boolean stop = Thread.currentThread().isInterrupted() || e instanceof RunInterruptedException;
                RuntimeException f = stop ? interrupted(step, e) : e;
                ctx.listener().onEvent(new RunEvent.StepFailed(step.phase(), step.volume(), step.describe(),
                        String.valueOf(f.getMessage())));
                records.failed(i, Duration.ofNanos(System.nanoTime() - t0), f);
                failure = stop ? first(f, failure) : first(failure, f);
                if (failedVolumes.putIfAbsent(step.volume(), f) == null) {
                    failedPhases.put(step.volume(), step.phase());
                }
                if (stop) {
                    skipped.addAll(steps.subList(i + 1, steps.size()).stream().map(x -> x.volume() + ": "
                            + x.describe()).toList());
                    break;
                }
                if (RUN.equals(step.volume()) && !finishing) {
                    stopped = true; // the run's before_backup hook: no volume starts
                } else if (onError == OnError.STOP && !(step instanceof VerifyStep) && !finishing) {
                    stopped = true;
                }
                stopping |= onError == OnError.STOP;
                continue;
            }
            performed++;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            records.performed(i, elapsed);
            ctx.listener().onEvent(new RunEvent.StepFinished(step.phase(), step.volume(), step.describe(), elapsed));
        }
        List<RuntimeException> cleanupFailures = cleanups.unwind(ctx);
        return new RunResult(performed, steps.size(), failure, cleanupFailures, warnings,
                Duration.ofNanos(System.nanoTime() - start), failedVolumes, skipped.size(),
                records.volumes(failedVolumes), List.of());
    }

    /** What became of {@code volume} (or of the run, for {@link #RUN}) so far, for a {@link FinishingStep}. */
    private static FinishingStep.Outcome outcome(String volume, @Nullable RuntimeException failure,
                                                 Map<String, RuntimeException> failedVolumes,
                                                 Map<String, org.rdump.api.Phase> failedPhases,
                                                 java.util.Set<String> cut) {
        List<String> failed = List.copyOf(failedVolumes.keySet());
        if (RUN.equals(volume)) {
            if (failure == null) {
                return new FinishingStep.Outcome(cut.isEmpty() ? "succeeded" : "skipped", null, null, failed);
            }
            String first = failed.isEmpty() ? null : failed.get(0);
            return new FinishingStep.Outcome("failed", String.valueOf(failure.getMessage()),
                    first == null ? null : failedPhases.get(first), failed);
        }
        RuntimeException e = failedVolumes.get(volume);
        if (e != null) {
            return new FinishingStep.Outcome("failed", String.valueOf(e.getMessage()), failedPhases.get(volume), failed);
        }
        return new FinishingStep.Outcome(cut.contains(volume) ? "skipped" : "succeeded", null, null, failed);
    }

    /** {@code first}, with {@code later} added to it as suppressed; {@code later} when there is no first. */
    private static RuntimeException first(@Nullable RuntimeException first, @Nullable RuntimeException later) {
        if (first == null) {
            return java.util.Objects.requireNonNull(later);
        }
        if (later != null && later != first) {
            first.addSuppressed(later);
        }
        return first;
    }

    private static RuntimeException interrupted(Step step, RuntimeException cause) {
        return new RdumpExceptionWrapper("interrupted during '" + step.describe() + "' (" + cause.getMessage()
                + "); everything set up so far has been cleaned up", cause);
    }

    /** A {@link RunInterruptedException} that keeps the step's own error as its cause. */
    private static final class RdumpExceptionWrapper extends RunInterruptedException {
        private static final long serialVersionUID = 1L;

        RdumpExceptionWrapper(String message, @Nullable Throwable cause) {
            super(message);
            if (cause != null) {
                initCause(cause);
            }
        }
    }

    /** {@code inner}, with warnings and each step's reports also collected for the {@link RunResult}. */
    private static RunListener collectingWarnings(RunListener inner, List<String> warnings, StepRecords records) {
        return event -> {
            if (event instanceof RunEvent.Warning w) {
                warnings.add(w.volume() + ": " + w.message());
            }
            records.onEvent(event);
            inner.onEvent(event);
        };
    }
}
