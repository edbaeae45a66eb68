package org.rdump.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One cycle of sampled checks of a volume in a destination: the runs that swept its entries, in
 * order. Immutable.
 *
 * @param volume the volume
 * @param destination the tool instance
 * @param number the cycle's number, from 1
 * @param runs its sampled checks that reached a verdict (a failed run covers nothing), oldest first; never empty
 */
public record SampleCycle(String volume, String destination, long number, List<VerificationRecord> runs) {
    /**
     * Checks the components.
     *
     * @param volume the volume
     * @param destination the tool instance
     * @param number the cycle's number, from 1
     * @param runs its sampled checks that reached a verdict (a failed run covers nothing), oldest first; never empty
     * @throws NullPointerException if any of {@code volume}, {@code destination}, {@code runs} is null
     * @throws IllegalArgumentException if {@code runs} is empty
     */
    public SampleCycle {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(destination, "destination");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a cycle has at least one run");
        }
    }

    /**
     * Whether its last run reached the end: every entry was checked once.
     *
     * @return true when the cycle's last run reached its end
     */
    public boolean complete() {
        return last().sample().completes();
    }

    /**
     * Whether no run of it found a difference.
     *
     * @return true when every run matched
     */
    public boolean clean() {
        return runs.stream().allMatch(r -> r.verdict() == VerificationRecord.Verdict.MATCHES);
    }

    /**
     * When its first run ended.
     *
     * @return never null
     */
    public Instant started() {
        return runs.get(0).at();
    }

    /**
     * When its last run ended: for a complete cycle, when the backup was last fully covered.
     *
     * @return never null
     */
    public Instant ended() {
        return last().at();
    }

    /**
     * How many entries its runs checked, all together.
     *
     * @return the sum of the runs' {@link SampleCoverage#count()}
     */
    public long checked() {
        return runs.stream().mapToLong(r -> r.sample().count()).sum();
    }

    /**
     * How many differences its runs found, all together.
     *
     * @return the sum of the runs' {@link VerificationRecord#differences()}
     */
    public long differences() {
        return runs.stream().mapToLong(VerificationRecord::differences).sum();
    }

    /**
     * The stamp of the backup its first run checked.
     *
     * @return never null
     */
    public String firstStamp() {
        return Objects.requireNonNull(runs.get(0).stamp(), "stamp");
    }

    /**
     * The stamp of the backup its last run checked.
     *
     * @return never null
     */
    public String lastStamp() {
        return Objects.requireNonNull(last().stamp(), "stamp");
    }

    private VerificationRecord last() {
        return runs.get(runs.size() - 1);
    }

    /** The sample coverage of a run of a cycle (never null there). */
    static SampleCoverage of(VerificationRecord r) {
        return Objects.requireNonNull(r.sample(), "sample");
    }
}
