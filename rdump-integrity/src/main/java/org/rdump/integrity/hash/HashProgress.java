package org.rdump.integrity.hash;

import java.time.Duration;

/**
 * A snapshot of the hashing progress. Immutable.
 *
 * @param filesDone files hashed (or failed) so far
 * @param filesTotal files submitted for hashing so far; final once {@code totalsKnown}
 * @param bytesDone bytes hashed so far (by stat size)
 * @param bytesTotal bytes submitted so far; final once {@code totalsKnown}
 * @param bytesPerSecond average since the start
 * @param eta the estimated remaining time; {@code Duration.ofSeconds(-1)} while unknown
 * @param totalsKnown true once every file has been submitted
 * @since 0.1
 */
public record HashProgress(long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                           double bytesPerSecond, Duration eta, boolean totalsKnown) {

    /** The value for an unknown ETA. */
    public static final Duration UNKNOWN = Duration.ofSeconds(-1);
}
