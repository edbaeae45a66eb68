/**
 * Sampled verification ({@code rdump verify --sample 5%}): each run restores and checks a slice
 * of the newest backup's entries, and successive runs sweep every entry before any repeats.
 *
 * <p>The order is a keyed hash: each entry's position is the first 8 bytes of
 * SHA-256(seed, path), an unsigned 64-bit number, so it does not depend on the other paths and
 * stays the same from one backup to the next. A cycle has a random seed; each run takes the next
 * N entries of the newest backup whose positions lie after the cursor (the position of the last
 * entry the cycle checked), and the run that reaches the end of the hash space completes the
 * cycle. The ledger keeps the seed, the cursor and each run's verdict ({@link
 * org.rdump.core.ledger.SampleCoverage}); {@link SampleOrder} is the pure part, {@link SampleStep}
 * the step. Status: experimental.
 */
@NullMarked
package org.rdump.core.sample;

import org.jspecify.annotations.NullMarked;
