package org.rdump.core.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Artifact;
import org.rdump.api.IntegrityReport;
import org.rdump.api.Phase;

/**
 * What one step of a run did, as data: the record {@code --json} serialises and the summary
 * reads. Immutable.
 *
 * @param index the step's place in the plan, from 1
 * @param phase never null
 * @param volume the volume (or replication job) the step works on; never null
 * @param description the step's one-line description; never null
 * @param outcome never null
 * @param elapsed how long it performed; zero when it was skipped
 * @param created what it made that outlives the run (archives, snapshots, manifest versions); copied
 * @param files the files it copied, examined or hashed (as its tool counts them), -1 when it did
 *     not say
 * @param bytes the bytes it copied, examined or hashed, -1 when it did not say
 * @param reports the sentences it reported, in order; copied
 * @param warnings the warnings it raised (they did not fail it); copied
 * @param error why it failed; null unless {@link Outcome#FAILED}
 * @param differences what its check found different from the manifest (a test restore or a
 *     restore), paths relative to the volume's root; empty otherwise
 * @since 0.5
 */
public record StepResult(int index, Phase phase, String volume, String description, Outcome outcome,
                         Duration elapsed, List<Artifact> created, long files, long bytes, List<String> reports,
                         List<String> warnings, @Nullable String error,
                         List<IntegrityReport.Difference> differences) {
    /**
     * Checks the components and copies the collections.
     *
     * @param index the step's place in the plan, from 1
     * @param phase never null
     * @param volume the volume (or replication job) the step works on; never null
     * @param description the step's one-line description; never null
     * @param outcome never null
     * @param elapsed how long it performed; zero when it was skipped
     * @param created what it made that outlives the run (archives, snapshots, manifest versions); copied
     * @param files the files it copied, examined or hashed (as its tool counts them), -1 when it did not say
     * @param bytes the bytes it copied, examined or hashed, -1 when it did not say
     * @param reports the sentences it reported, in order; copied
     * @param warnings the warnings it raised (they did not fail it); copied
     * @param error why it failed; null unless {@link Outcome#FAILED}
     * @param differences what its check found different from the manifest (a test restore or a restore), paths relative to the volume's root; empty otherwise
     * @throws NullPointerException if a required component is null
     */
    public StepResult {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        created = List.copyOf(created);
        reports = List.copyOf(reports);
        warnings = List.copyOf(warnings);
        differences = List.copyOf(differences);
    }

    /** What became of a step. */
    public enum Outcome {
        /** It performed successfully. */
        PERFORMED,
        /** It failed ({@link #error()}). */
        FAILED,
        /** It did not run: its volume had failed, the run stopped, or it was interrupted. */
        SKIPPED
    }
}
