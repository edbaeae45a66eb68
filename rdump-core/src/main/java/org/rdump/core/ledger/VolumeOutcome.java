package org.rdump.core.ledger;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one volume fared in one run. Immutable.
 *
 * @param run the run's ledger id
 * @param kind the run's kind ({@code backup}, {@code verify}, {@code restore})
 * @param volume the volume
 * @param started when the run started
 * @param outcome {@link RunOutcome#RUNNING} until the run ends
 * @param error the volume's first error, or null
 */
public record VolumeOutcome(long run, String kind, String volume, Instant started, RunOutcome outcome,
                            @Nullable String error) {
    /**
     * Checks the components.
     *
     * @param run the run's ledger id
     * @param kind the run's kind ({@code backup}, {@code verify}, {@code restore})
     * @param volume the volume
     * @param started when the run started
     * @param outcome {@link RunOutcome#RUNNING} until the run ends
     * @param error the volume's first error, or null
     * @throws NullPointerException if a component other than {@code error} is null
     */
    public VolumeOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(outcome, "outcome");
    }
}
