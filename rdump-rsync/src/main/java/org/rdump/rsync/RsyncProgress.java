package org.rdump.rsync;

import java.time.Duration;
import java.util.Objects;

/**
 * One {@code --info=progress2} line of rsync: the whole transfer so far. Immutable.
 *
 * @param bytes bytes transferred so far
 * @param percent percentage of the (known so far) total, 0..100
 * @param bytesPerSecond the current rate
 * @param time remaining time while copying; rsync shows the elapsed time on its last line
 * @param filesTransferred files transferred so far ({@code xfr#}), -1 when the line does not say
 * @param filesToCheck files still to check ({@code to-chk}/{@code ir-chk}), -1 when the line does not say
 * @param filesTotal files known so far, -1 when the line does not say
 */
record RsyncProgress(long bytes, int percent, double bytesPerSecond, Duration time,
                     long filesTransferred, long filesToCheck, long filesTotal) {
    RsyncProgress {
        Objects.requireNonNull(time, "time");
    }
}
