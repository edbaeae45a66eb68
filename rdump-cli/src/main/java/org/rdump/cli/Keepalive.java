package org.rdump.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.rdump.core.status.Durations;

/**
 * While a run lasts and standard error is not a terminal (a log, the journal), calls a tick
 * every interval ({@value #DEFAULT_SECONDS} s, or {@code $}{@value #ENV}), so that the log shows a
 * long run is alive: {@link ConsoleListener} prints one plain line then. A run shorter than the
 * interval prints nothing. The tick runs on one daemon thread; {@link #close} stops it.
 */
final class Keepalive implements AutoCloseable {
    /** The interval: an age ({@code 30s}, {@code 5m}); {@code 0} or {@code off} for none. */
    static final String ENV = "RDUMP_PROGRESS_INTERVAL";
    static final long DEFAULT_SECONDS = 30;
    /** A handle that does nothing: no keepalive. */
    static final Keepalive NONE = new Keepalive(null);

    private final @Nullable ScheduledExecutorService timer;

    private Keepalive(@Nullable ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Calls {@code tick} every {@code interval} (the first after one interval) until closed. */
    static Keepalive start(Duration interval, Runnable tick) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rdump-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        long ms = interval.toMillis();
        t.scheduleAtFixedRate(tick, ms, ms, TimeUnit.MILLISECONDS);
        return new Keepalive(t);
    }

    /**
     * The interval {@code env} asks for: {@value #ENV}, else the default; zero for none. A value
     * that is not an age is warned about on {@code err} and the default is used.
     */
    static Duration interval(Map<String, String> env, PrintStream err) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return Duration.ofSeconds(DEFAULT_SECONDS);
        }
        String t = v.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0") || t.equals("off")) {
            return Duration.ZERO;
        }
        try {
            Duration d = Durations.parse(t);
            if (!d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // warned below
        }
        err.println("rdump: warning: $" + ENV + "='" + v + "' is not an interval such as 30s or 5m (0 or off for"
                + " none); using " + DEFAULT_SECONDS + "s");
        return Duration.ofSeconds(DEFAULT_SECONDS);
    }

    /** {@code 45s}, {@code 1m30s}, {@code 2h05m10s}: exact to the second, for the keepalive line. */
    static String elapsed(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
