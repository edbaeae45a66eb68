package org.rdump.core.run;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Artifact;

/**
 * What a run did to one volume (or replication job): its outcome and each of its steps, in
 * plan order. Immutable.
 *
 * @param volume the configured name; never null
 * @param outcome never null
 * @param steps its steps; copied
 * @param error the first error of its steps; null unless {@link Outcome#FAILED}
 * @since 0.5
 */
public record VolumeResult(String volume, Outcome outcome, List<StepResult> steps, @Nullable String error) {
    /**
     * Checks the components and copies the collections.
     *
     * @param volume the configured name; never null
     * @param outcome never null
     * @param steps its steps; copied
     * @param error the first error of its steps; null unless {@link Outcome#FAILED}
     * @throws NullPointerException if a required component is null
     */
    public VolumeResult {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
    }

    /**
     * Everything its steps created, in order.
     *
     * @return the archives, snapshots and manifest versions; never null
     */
    public List<Artifact> created() {
        return steps.stream().flatMap(s -> s.created().stream()).toList();
    }

    /** The verdict on a volume. */
    public enum Outcome {
        /** Every step of it performed. */
        SUCCEEDED,
        /** A step of it failed; the rest of it was skipped. */
        FAILED,
        /** None of its steps ran (another volume's failure stopped the run, or an interrupt). */
        SKIPPED
    }
}
