package org.rdump.core.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;

/**
 * What a run did. Immutable.
 *
 * @param performed how many steps performed successfully
 * @param total how many steps the plan had
 * @param failure the first error (the failing step's), or null when every step succeeded
 * @param cleanupFailures cleanups that failed (each reported; they did not stop the others)
 * @param warnings warnings raised by steps
 * @param elapsed the run's wall time, cleanups included
 * @param failedVolumes each volume (or replication job) whose step failed, with its first error,
 *     in the order they failed
 * @param skipped how many steps did not run because of a failure
 * @param volumes each volume (or replication job) of the plan, in plan order, with what each of
 *     its steps did and made (since 0.5)
 * @param recovered what killed earlier runs had left behind and this run removed before its first
 *     step ({@link Recovery}), oldest last (since 0.5)
 */
public record RunResult(int performed, int total, @Nullable RuntimeException failure,
                        List<RuntimeException> cleanupFailures, List<String> warnings, Duration elapsed,
                        Map<String, RuntimeException> failedVolumes, int skipped, List<VolumeResult> volumes,
                        List<org.rdump.api.Undo> recovered) {
    /**
     * Checks the components and copies the collections.
     *
     * @param performed how many steps performed successfully
     * @param total how many steps the plan had
     * @param failure the first error (the failing step's), or null when every step succeeded
     * @param cleanupFailures cleanups that failed (each reported; they did not stop the others)
     * @param warnings warnings raised by steps
     * @param elapsed the run's wall time, cleanups included
     * @param failedVolumes each volume (or replication job) whose step failed, with its first error, in the order they failed
     * @param skipped how many steps did not run because of a failure
     * @param volumes each volume (or replication job) of the plan, in plan order, with what each of its steps did and made (since 0.5)
     * @param recovered what killed earlier runs had left behind and this run removed before its first step ({@link Recovery}), oldest last (since 0.5) /
     * @throws NullPointerException if a required component is null
     */
    public RunResult {
        volumes = List.copyOf(volumes);
        recovered = List.copyOf(recovered);
        cleanupFailures = List.copyOf(cleanupFailures);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(elapsed, "elapsed");
        failedVolumes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failedVolumes));
    }

    /**
     * Whether the run succeeded.
     *
     * @return true when every step performed and every cleanup succeeded
     */
    public boolean succeeded() {
        return failure == null && cleanupFailures.isEmpty();
    }

    /**
     * This result, with {@code recovered} as what the run removed before its steps.
     *
     * @param recovered the undo records carried out by recovery; never null
     * @return a copy; this result is unchanged
     */
    public RunResult withRecovered(List<org.rdump.api.Undo> recovered) {
        return new RunResult(performed, total, failure, cleanupFailures, warnings, elapsed, failedVolumes, skipped,
                volumes, recovered);
    }

    /**
     * Every step of the run, in plan order, across volumes.
     *
     * @return the steps; never null
     */
    public List<StepResult> steps() {
        return volumes.stream().flatMap(v -> v.steps().stream())
                .sorted(java.util.Comparator.comparingInt(StepResult::index)).toList();
    }

    /**
     * Everything the run created (archives, snapshots, manifest versions), in step order.
     *
     * @return the artifacts; never null
     */
    public List<org.rdump.api.Artifact> created() {
        return steps().stream().flatMap(s -> s.created().stream()).toList();
    }

    /**
     * The first error, or the first cleanup failure.
     *
     * @return the error; never null, empty when the run succeeded
     */
    public Optional<RuntimeException> firstError() {
        return Optional.ofNullable(failure).or(() -> cleanupFailures.stream().findFirst());
    }

    /**
     * Throws the first error when the run did not succeed; returns this otherwise.
     *
     * @return this result, when it succeeded
     * @throws RuntimeException the first error (an {@link RdumpException} as it is)
     */
    public RunResult orThrow() {
        RuntimeException e = firstError().orElse(null);
        if (e == null) {
            return this;
        }
        if (e instanceof RdumpException) {
            throw e;
        }
        throw new RdumpException("step failed: " + e, e);
    }
}
