package org.rdump.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.support.ByteSizes;

/**
 * Shows a run on the terminal: each step as it starts, reports and warnings, and a live progress
 * line (rewritten in place with {@code \r}, only when stderr is a terminal). What the summary and
 * {@code --json} show comes from the run's result, not from here. Thread-safe.
 */
final class ConsoleListener implements RunListener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private long lastProgress;
    private boolean progressShown;

    ConsoleListener(PrintStream out, PrintStream err, boolean terminal, boolean quiet) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
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
            err.println("rdump: warning: " + w.volume() + ": " + w.message());
        } else if (event instanceof RunEvent.StepFailed f) {
            // a long message (a test restore's differences) is printed once, in the summary at the end
            err.println("rdump: FAILED " + f.volume() + ": " + f.description() + ": " + firstLine(f.message()));
        } else if (event instanceof RunEvent.CleanupFailed c) {
            err.println("rdump: cleanup FAILED " + c.volume() + ": " + c.description() + ": " + c.message());
        }
    }

    /** The first line of {@code message}, with an ellipsis when more lines follow. */
    static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " ...";
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
        StringBuilder b = new StringBuilder("    ").append(p.activity()).append(": ");
        if (p.total() > 0) {
            b.append(p.done()).append('/').append(p.total()).append(" files");
        } else if (p.done() > 0) {
            b.append(p.done()).append(" files");
        }
        if (p.bytesDone() > 0) {
            b.append(", ").append(ByteSizes.human(p.bytesDone()));
            if (p.bytesTotal() > 0) {
                b.append(" of ").append(ByteSizes.human(p.bytesTotal()))
                        .append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * p.bytesDone() / p.bytesTotal()));
            }
        }
        if (p.bytesPerSecond() > 0) {
            b.append(", ").append(ByteSizes.human((long) p.bytesPerSecond())).append("/s");
        }
        if (!p.eta().isNegative()) {
            long s = p.eta().toSeconds();
            b.append(String.format(Locale.ROOT, ", ETA %d:%02d", s / 60, s % 60));
        }
        String line = b.length() > 119 ? b.substring(0, 119) : b.toString();
        err.print("\r" + line + "\033[K");
        err.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
            progressShown = false;
        }
    }
}
