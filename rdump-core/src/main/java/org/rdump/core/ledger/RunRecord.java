package org.rdump.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One run as the ledger holds it. Immutable.
 *
 * @param id the ledger's number for it
 * @param kind {@code backup}, {@code verify} or {@code restore}
 * @param stamp the run stamp
 * @param started when it started
 * @param finished when it ended, or null while it runs (or when it was killed)
 * @param outcome how it ended
 * @param error its first error, or null
 * @param volumes the volumes it worked on, in plan order
 */
public record RunRecord(long id, String kind, String stamp, Instant started, @Nullable Instant finished,
                        RunOutcome outcome, @Nullable String error, List<String> volumes) {
    /**
     * Checks the components.
     *
     * @param id the ledger's number for it
     * @param kind {@code backup}, {@code verify} or {@code restore}
     * @param stamp the run stamp
     * @param started when it started
     * @param finished when it ended, or null while it runs (or when it was killed)
     * @param outcome how it ended
     * @param error its first error, or null
     * @param volumes the volumes it worked on, in plan order
     * @throws NullPointerException if a component other than {@code finished} or {@code error} is null
     */
    public RunRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(outcome, "outcome");
        volumes = List.copyOf(volumes);
    }
}
