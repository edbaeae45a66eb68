package org.rdump.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.support.ByteSizes;
import org.rdump.api.support.Plural;

/**
 * Shows a run on the terminal: each step as it starts, reports and warnings, and a live progress
 * line (rewritten in place with {@code \r}, only when stderr is a terminal: {@link Terminal}). What the summary and
 * {@code --json} show comes from the run's result, not from here. When stderr is not a terminal,
 * {@link #keepalive()} prints instead one plain line every interval while a run lasts
 * ({@link Keepalive}): what the run is doing and its latest progress. Thread-safe.
 */
final class ConsoleListener implements RunListener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private final Duration keepaliveInterval;
    private long lastProgress;
    private boolean progressShown;
    // what the keepalive line says: the current step or cleanup and the latest progress, with their times
    private long started = System.nanoTime();
    private @Nullable String activity;
    private long activitySince;
    private boolean activityRunning;
    private RunEvent.@Nullable Progress latest;
    private long latestAt;

    ConsoleListener(PrintStream out, PrintStream err, boolean terminal, boolean quiet) {
        this(out, err, terminal, quiet, Duration.ZERO);
    }

    /**
     * @param keepaliveInterval how often {@link #keepalive()} prints a line when not
     *     {@code terminal}; zero for never
     */
    ConsoleListener(PrintStream out, PrintStream err, boolean terminal, boolean quiet, Duration keepaliveInterval) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.keepaliveInterval = keepaliveInterval;
    }

    /**
     * Starts the keepalive line for a run: call it just before the run, close it after. Nothing
     * happens on a terminal (the live progress line shows the run is alive) or with no interval.
     */
    Keepalive keepalive() {
        if (terminal || keepaliveInterval.isZero()) {
            return Keepalive.NONE;
        }
        synchronized (this) {
            started = System.nanoTime();
        }
        return Keepalive.start(keepaliveInterval, () -> {
            String line = keepaliveLine(System.nanoTime());
            err.println(line);
            err.flush();
        });
    }

    /**
     * The keepalive line at {@code now} ({@link System#nanoTime()}): {@code rdump: still running
     * after 1m30s: [4/6] backup home: rsync backup of ... (for 1m12s); rsync: 82%, 310/420 files, ...}.
     */
    synchronized String keepaliveLine(long now) {
        StringBuilder b = new StringBuilder("rdump: still running after ")
                .append(Keepalive.elapsed(Duration.ofNanos(now - started))).append(": ");
        if (activity == null) {
            return b.append("no step started yet").toString();
        }
        if (!activityRunning) {
            return b.append("after ").append(activity).toString();
        }
        b.append(activity).append(" (for ").append(Keepalive.elapsed(Duration.ofNanos(now - activitySince))).append(')');
        RunEvent.Progress p = latest;
        if (p != null && latestAt >= activitySince) {
            b.append("; ").append(progressLine(p).strip());
            Duration age = Duration.ofNanos(now - latestAt);
            if (age.compareTo(keepaliveInterval) >= 0) {
                b.append(" (").append(Keepalive.elapsed(age)).append(" ago)");
            }
        }
        return b.toString();
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        track(event);
        if (event instanceof RunEvent.Progress p) {
            progress(p);
            return;
        }
        clearProgress();
        if (event instanceof RunEvent.StepStarted s) {
            say(String.format("[%d/%d] %s %s: %s", s.index(), s.count(), phase(s.phase().name()), s.volume(),
                    s.description()));
        } else if (event instanceof RunEvent.Report r) {
            say("    " + r.message());
        } else if (event instanceof RunEvent.Warning w) {
            err.println("rdump: warning: " + labelled(w.volume(), w.message()));
        } else if (event instanceof RunEvent.StepFailed f) {
            // printed once, here; the rest of a long message (a test restore's differences) comes at the end
            err.println("rdump: FAILED " + f.volume() + ": " + f.description() + ": " + firstLine(f.message()));
        } else if (event instanceof RunEvent.CleanupFailed c) {
            err.println("rdump: cleanup FAILED " + c.volume() + ": " + c.description() + ": " + c.message());
        }
    }

    /** Keeps what the keepalive line shows. */
    private void track(RunEvent event) {
        long now = System.nanoTime();
        if (event instanceof RunEvent.Progress p) {
            latest = p;
            latestAt = now;
        } else if (event instanceof RunEvent.StepStarted s) {
            activity = String.format("[%d/%d] %s %s: %s", s.index(), s.count(), phase(s.phase().name()), s.volume(),
                    s.description());
            activitySince = now;
            activityRunning = true;
        } else if (event instanceof RunEvent.CleanupStarted c) {
            activity = "cleanup " + labelled(c.volume(), c.description());
            activitySince = now;
            activityRunning = true;
        } else if (event instanceof RunEvent.StepFinished || event instanceof RunEvent.StepFailed) {
            activityRunning = false;
        }
    }

    /** {@code volume: message}, or the message alone for an event of the whole run (no volume). */
    static String labelled(String volume, String message) {
        return volume.isEmpty() ? message : volume + ": " + message;
    }

    /**
     * The first line of {@code message}; when more lines follow, without its final colon and
     * with {@code (listed at the end)}: {@link Summary} prints the rest once the run is over.
     */
    static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl).replaceFirst(":$", "") + " (listed at the end)";
    }

    private void say(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    private static String phase(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void progress(RunEvent.Progress p) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastProgress < 200_000_000L) {
            return;
        }
        lastProgress = now;
        String line = progressLine(p);
        err.print("\r" + line + "\033[K");
        err.flush();
        progressShown = true;
    }

    /**
     * The progress line: {@code rsync: 82%, 310/420 files, 1.2 GiB, 40.0 MiB/s, ETA 0:12}; at
     * most 119 characters.
     */
    static String progressLine(RunEvent.Progress p) {
        List<String> parts = new ArrayList<>();
        if (p.percent() >= 0) {
            parts.add(String.format(Locale.ROOT, "%.0f%%", p.percent()));
        }
        if (p.total() > 0) {
            parts.add(p.done() + "/" + Plural.of(p.total(), "file"));
        } else if (p.done() > 0) {
            parts.add(Plural.of(p.done(), "file"));
        }
        if (p.bytesDone() > 0) {
            String bytes = ByteSizes.human(p.bytesDone());
            if (p.bytesTotal() > 0) {
                bytes += " of " + ByteSizes.human(p.bytesTotal()) + (p.percent() >= 0 ? ""
                        : String.format(Locale.ROOT, " (%.0f%%)", 100.0 * p.bytesDone() / p.bytesTotal()));
            }
            parts.add(bytes);
        }
        if (p.bytesPerSecond() > 0) {
            parts.add(ByteSizes.human((long) p.bytesPerSecond()) + "/s");
        }
        if (!p.eta().isNegative()) {
            long s = p.eta().toSeconds();
            parts.add(String.format(Locale.ROOT, "ETA %d:%02d", s / 60, s % 60));
        }
        String line = "    " + p.activity() + ": " + String.join(", ", parts);
        return line.length() > 119 ? line.substring(0, 119) : line;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
            progressShown = false;
        }
    }
}
