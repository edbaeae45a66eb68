package org.rdump.core.run;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * A step that runs after the other steps of its volume whatever became of them: the
 * {@code after_backup} and {@code on_error} hooks. {@link StepRunner} runs it also when its volume
 * failed or the run stopped ({@code on_error: stop}), as long as some step of its volume started
 * (a step of {@link StepRunner#RUN}, the run itself, always runs), and hands it the outcome so far
 * instead of calling {@link #perform}. An interrupt (SIGINT/SIGTERM) runs none.
 */
public interface FinishingStep extends Step {

    /**
     * Does the work, knowing how its volume (or, for {@link StepRunner#RUN}, the run) went.
     *
     * @param context never null
     * @param outcome never null
     */
    void finish(RunContext context, Outcome outcome);

    /** As {@link #finish} with everything succeeded so far (a dry run, a plan run by hand). */
    @Override
    default void perform(RunContext context) {
        finish(context, Outcome.SUCCEEDED);
    }

    /**
     * What became of a volume (or of the run) by the time a finishing step runs. Immutable.
     *
     * @param status {@code succeeded}, {@code failed}, or {@code skipped} (steps of it did not run
     *     because another volume's failure stopped the run)
     * @param error the first error, secrets masked; null unless failed
     * @param failedPhase the phase of the step that failed; null unless failed
     * @param failedVolumes the volumes (and {@link StepRunner#RUN}) that failed so far, in order
     */
    record Outcome(String status, @Nullable String error, @Nullable Phase failedPhase, List<String> failedVolumes) {
        /** Nothing failed. */
        public static final Outcome SUCCEEDED = new Outcome("succeeded", null, null, List.of());

        public Outcome {
            Objects.requireNonNull(status, "status");
            failedVolumes = List.copyOf(failedVolumes);
        }

        /** Whether it failed. */
        public boolean failed() {
            return status.equals("failed");
        }
    }
}
