package org.rdump.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.support.Plural;
import org.rdump.core.run.RunResult;

/** The end of a run on the terminal: one summary line, JSON if asked, and the exit code. */
final class Summary {
    private Summary() {
    }

    /**
     * Prints the end of a run. Every error is printed once: a failed step's by the listener when it
     * fails (its first line), the rest of a long message here (a test restore's differences on
     * standard output, other lines on stderr), and an error of the run itself (interrupted, a
     * lock, a pre-flight problem) here.
     */
    static int finish(RdumpCommand top, String command, RunResult r, ConsoleListener listener) {
        if (!top.json) {
            // every failed test restore's differences (later ones are suppressed by the first)
            r.firstError().ifPresent(e -> differences(e).forEach(d -> d.report().lines().forEach(top.out::println)));
        }
        if (top.json) {
            top.printJson(RdumpCommand.runJson(command, r, listener));
        } else {
            if (!listener.reports().isEmpty()) {
                top.out.println("report:");
                listener.reports().forEach(line -> top.out.println("  " + line));
                listener.warnings().forEach(line -> top.out.println("  warning: " + line));
            }
            top.out.println(String.format(Locale.ROOT, "%s %s in %.1f s: %d of %s, %s%s%s", command,
                    r.succeeded() ? "finished" : "FAILED", r.elapsed().toMillis() / 1000.0, r.performed(),
                    Plural.of(r.total(), "step"), Plural.of(r.warnings().size(), "warning"),
                    r.failedVolumes().isEmpty() ? "" : ", failed: " + String.join(", ", r.failedVolumes().keySet())
                            + (r.skipped() > 0 ? " (" + Plural.of(r.skipped(), "step") + " of theirs skipped)" : ""),
                    r.cleanupFailures().isEmpty() ? ""
                            : ", " + Plural.of(r.cleanupFailures().size(), "cleanup") + " failed (check for leftover"
                            + " snapshots and mounts)"));
        }
        if (r.succeeded()) {
            return ExitCode.OK;
        }
        RuntimeException e = r.firstError().orElseThrow();
        r.failedVolumes().forEach((volume, f) -> {
            List<String> rest = String.valueOf(f.getMessage()).lines().skip(1).toList();
            if (!(f instanceof DifferencesFoundException) && !rest.isEmpty()) {
                top.err.println("rdump: " + volume + ", the rest of its error:");
                rest.forEach(line -> top.err.println("    " + line));
            }
        });
        if (!r.failedVolumes().containsValue(e)) {
            top.err.println("rdump: " + e.getMessage()); // not a step's error: not printed yet
        }
        if (top.verbosity() >= 2) {
            e.printStackTrace(top.err);
        }
        return ExitCode.of(e);
    }

    /** The test restores that found differences: {@code e} and those it suppressed, in run order. */
    static List<DifferencesFoundException> differences(Throwable e) {
        List<DifferencesFoundException> out = new ArrayList<>();
        Stream.concat(Stream.of(e), Arrays.stream(e.getSuppressed())).forEach(t -> {
            if (t instanceof DifferencesFoundException d) {
                out.add(d);
            }
        });
        return out;
    }
}
