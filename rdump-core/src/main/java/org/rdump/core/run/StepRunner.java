package org.rdump.core.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.RunListener;
import org.rdump.api.Step;
import org.rdump.api.command.CommandRunner;
import org.rdump.core.verify.VerifyStep;

/**
 * Performs steps in order. On the first failure, or when the thread is interrupted (SIGINT via
 * {@link ShutdownGuard}), it stops and cleans up every step that performed or started to
 * perform, newest first; cleanup errors are reported without stopping the other cleanups. One
 * exception: after a failed test restore ({@link VerifyStep}) the remaining test restores still
 * run, since each checks another backup and changes nothing, so that every volume gets its
 * verdict; nothing else runs, and their failures are added to the first as suppressed. When
 * all steps succeed the cleanups run too (unmount, remove the snapshot), so that a run never
 * leaves anything behind.
 */
public final class StepRunner {

    /** Told before each step performs (the journal listens). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (index, step) -> { };

        /** Step {@code index} (1-based) is about to perform; an exception here stops the run. */
        void starting(int index, Step step);
    }

    /** Runs {@code steps} with {@code context}; never throws for a step's failure (see {@link RunResult}). */
    public RunResult run(List<Step> steps, RunContext context) {
        return run(steps, context, Observer.NONE);
    }

    /** As {@link #run(List, RunContext)}, telling {@code observer} before each step performs. */
    public RunResult run(List<Step> steps, RunContext context, Observer observer) {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        RunContext ctx = new Listening(context, collectingWarnings(context.listener(), warnings));
        long start = System.nanoTime();
        CleanupStack cleanups = new CleanupStack();
        RuntimeException failure = null;
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
            if (failure != null && !(step instanceof VerifyStep)) {
                break; // only further test restores run after a failed one
            }
            ctx.listener().onEvent(new RunEvent.StepStarted(i + 1, steps.size(), step.phase(), step.volume(),
                    step.describe()));
            long t0 = System.nanoTime();
            try {
                observer.starting(i + 1, step);
            } catch (RuntimeException e) {
                failure = first(failure, e);
                break;
            }
            cleanups.push(step);
            try {
                step.perform(ctx);
            } catch (RuntimeException e) {
                boolean stop = Thread.currentThread().isInterrupted() || e instanceof RunInterruptedException;
                RuntimeException f = stop ? interrupted(step, e) : e;
                ctx.listener().onEvent(new RunEvent.StepFailed(step.phase(), step.volume(), step.describe(),
                        String.valueOf(f.getMessage())));
                failure = stop ? first(f, failure) : first(failure, f);
                if (stop || !(step instanceof VerifyStep)) {
                    break;
                }
                continue;
            }
            performed++;
            ctx.listener().onEvent(new RunEvent.StepFinished(step.phase(), step.volume(), step.describe(),
                    Duration.ofNanos(System.nanoTime() - t0)));
        }
        List<RuntimeException> cleanupFailures = cleanups.unwind(ctx);
        return new RunResult(performed, steps.size(), failure, cleanupFailures, warnings,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Runs the cleanups of {@code performed} (in run order), newest first, as after a failure: for
     * recovering what a killed run left behind.
     *
     * @return the cleanup failures
     */
    public List<RuntimeException> cleanUp(List<Step> performed, RunContext context) {
        CleanupStack stack = new CleanupStack();
        performed.forEach(stack::push);
        return stack.unwind(context);
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

    /** {@code inner}, with warnings also collected for the {@link RunResult}. */
    private static RunListener collectingWarnings(RunListener inner, List<String> warnings) {
        return event -> {
            if (event instanceof RunEvent.Warning w) {
                warnings.add(w.volume() + ": " + w.message());
            }
            inner.onEvent(event);
        };
    }

    /** The caller's context with another listener (made once, not per event). */
    private record Listening(RunContext delegate, RunListener listener) implements RunContext {
        @Override
        public CommandRunner runner() {
            return delegate.runner();
        }

        @Override
        public CommandRunner queryRunner() {
            return delegate.queryRunner();
        }

        @Override
        public Clock clock() {
            return delegate.clock();
        }

        @Override
        public boolean dryRun() {
            return delegate.dryRun();
        }

        @Override
        public String runStamp() {
            return delegate.runStamp();
        }

        @Override
        public Path scratchDirectory() {
            return delegate.scratchDirectory();
        }

        @Override
        public System.Logger logger(String name) {
            return delegate.logger(name);
        }
    }
}
