package org.rdump.zfs.replicate;

import java.time.Duration;
import org.rdump.api.RunEvent;
import org.rdump.api.support.ByteSizes;

/**
 * Counts the bytes of one stream and turns them into {@link RunEvent.Progress}: bytes, average
 * rate, and, when the size is estimated, percentage and time left. Not thread-safe: one pump
 * thread uses it. Time comes from the caller (nanoseconds), so the arithmetic is testable.
 *
 * @since 0.1
 */
public final class TransferMeter {
    private final String volume;
    private final String activity;
    private final long estimate;
    private final long startNanos;
    private final long intervalNanos;
    private long bytes;
    private long lastReportNanos;

    /**
     * @param estimate the expected size in bytes, or -1 when unknown
     * @param interval the least time between two reports
     */
    public TransferMeter(String volume, String activity, long estimate, long startNanos, Duration interval) {
        this.volume = volume;
        this.activity = activity;
        this.estimate = estimate;
        this.startNanos = startNanos;
        this.lastReportNanos = startNanos;
        this.intervalNanos = interval.toNanos();
    }

    /** Adds bytes; returns a report when one is due. */
    public java.util.Optional<RunEvent.Progress> add(long n, long nowNanos) {
        bytes += n;
        if (nowNanos - lastReportNanos < intervalNanos) {
            return java.util.Optional.empty();
        }
        lastReportNanos = nowNanos;
        return java.util.Optional.of(progress(nowNanos));
    }

    public long bytes() {
        return bytes;
    }

    /** The progress now. */
    public RunEvent.Progress progress(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = bytes / seconds;
        Duration eta = Duration.ofSeconds(-1);
        if (estimate > 0 && rate > 0) {
            eta = Duration.ofSeconds((long) Math.ceil(Math.max(0, estimate - bytes) / rate));
        }
        return new RunEvent.Progress(volume, activity, 0, -1, bytes, estimate, rate, eta); // bytes, no file counts
    }

    /** {@code 12.0 MiB of 40.0 MiB (30%), 3.1 MiB/s} or without the estimate {@code 12.0 MiB, 3.1 MiB/s}. */
    public static String describe(RunEvent.Progress p) {
        String s = ByteSizes.human(p.bytesDone());
        if (p.bytesTotal() > 0) {
            s += " of " + ByteSizes.human(p.bytesTotal()) + " ("
                    + Math.min(100, p.bytesDone() * 100 / p.bytesTotal()) + "%)";
        }
        return s + ", " + ByteSizes.human((long) p.bytesPerSecond()) + "/s";
    }
}
