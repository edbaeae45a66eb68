package org.rdump.cli;

import java.util.Locale;
import org.rdump.api.DifferencesFoundException;
import org.rdump.core.run.RunResult;

/** The end of a run on the terminal: one summary line, JSON if asked, and the exit code. */
final class Summary {
    private Summary() {
    }

    static int finish(RdumpCommand top, String command, RunResult r, ConsoleListener listener) {
        r.firstError().ifPresent(e -> {
            if (e instanceof DifferencesFoundException d && !top.json) {
                d.report().lines().forEach(top.out::println);
            }
        });
        if (top.json) {
            top.printJson(RdumpCommand.runJson(command, r, listener));
        } else {
            if (!listener.reports().isEmpty()) {
                top.out.println("report:");
                listener.reports().forEach(line -> top.out.println("  " + line));
                listener.warnings().forEach(line -> top.out.println("  warning: " + line));
            }
            top.out.println(String.format(Locale.ROOT, "%s %s in %.1f s: %d of %d steps, %d warnings%s", command,
                    r.succeeded() ? "finished" : "FAILED", r.elapsed().toMillis() / 1000.0, r.performed(), r.total(),
                    r.warnings().size(), r.cleanupFailures().isEmpty() ? ""
                            : ", " + r.cleanupFailures().size() + " cleanups failed (check for leftover snapshots and"
                            + " mounts)"));
        }
        if (r.succeeded()) {
            return ExitCode.OK;
        }
        RuntimeException e = r.firstError().orElseThrow();
        String message = String.valueOf(e.getMessage());
        if (e instanceof DifferencesFoundException && !top.json) {
            // the differences are on standard output already; say how many, not all of them again
            message = message.lines().findFirst().orElse("").replaceFirst(":$", "") + " (listed on standard output)";
        }
        top.err.println("rdump: " + message);
        if (top.verbosity() >= 2) {
            e.printStackTrace(top.err);
        }
        return ExitCode.of(e);
    }
}
