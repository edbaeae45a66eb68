package org.rdump.lvm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * Runs planned steps the way core's runner does, for tests: sorted stably by phase, each
 * performed once; then the cleanups of every step whose perform was called (also the one that
 * failed), in reverse order, each once, going on after a failed cleanup.
 */
final class StepSequence {

    /** What happened: the first failure (or null) and the failed cleanups. */
    record Outcome(@Nullable RdumpException failure, List<RdumpException> cleanupFailures) {
        boolean succeeded() {
            return failure == null && cleanupFailures.isEmpty();
        }
    }

    private StepSequence() {
    }

    static Outcome run(List<Step> steps, RunContext context) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::phase));
        Deque<Step> performed = new ArrayDeque<>();
        @Nullable RdumpException failure = null;
        for (Step s : sorted) {
            performed.push(s);
            try {
                s.perform(context);
            } catch (RdumpException e) {
                failure = e;
                break;
            }
        }
        List<RdumpException> cleanupFailures = new ArrayList<>();
        while (!performed.isEmpty()) {
            try {
                performed.pop().cleanup(context);
            } catch (RdumpException e) {
                cleanupFailures.add(e);
            }
        }
        return new Outcome(failure, cleanupFailures);
    }
}
