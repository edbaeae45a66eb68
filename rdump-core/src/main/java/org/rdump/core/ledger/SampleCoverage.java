package org.rdump.core.ledger;

/**
 * What one sampled check ({@code rdump verify --sample}) covered of its cycle: the rest of its
 * record (backup, verdict, differences, time) is the {@link VerificationRecord} it belongs to.
 * The sampled paths are not stored (a 5% sample of a large volume is many thousands each day);
 * they follow from the seed, the cursor and the backup's manifest. Immutable.
 *
 * @param cycle the cycle's number for this volume and destination, from 1
 * @param seed the cycle's seed ({@link org.rdump.core.sample.SampleOrder#position})
 * @param entries how many entries of the backup's manifest could be sampled
 * @param count how many this run checked
 * @param cursor the position of the last entry it checked (unsigned), where the next run starts
 * @param completes whether this run reached the end of the cycle
 */
public record SampleCoverage(long cycle, long seed, long entries, long count, long cursor, boolean completes) {
    /**
     * Checks the components.
     *
     * @param cycle the cycle's number for this volume and destination, from 1
     * @param seed the cycle's seed ({@link org.rdump.core.sample.SampleOrder#position})
     * @param entries how many entries of the backup's manifest could be sampled
     * @param count how many this run checked
     * @param cursor the position of the last entry it checked (unsigned), where the next run starts
     * @param completes whether this run reached the end of the cycle
     * @throws IllegalArgumentException if {@code cycle} is less than 1
     */
    public SampleCoverage {
        if (cycle < 1) {
            throw new IllegalArgumentException("cycle must be at least 1: " + cycle);
        }
    }
}
