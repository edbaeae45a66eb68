package org.rdump.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.support.Plural;
import org.rdump.core.run.RunResult;

/**
 * The end of a run on the terminal: the report and one summary line, or the JSON document, both
 * read from the {@link RunResult}; and the exit code.
 */
final class Summary {
    private Summary() {
    }

    static int finish(RdumpCommand top, String command, RunResult r) {
        return finish(top, command, r, doc -> { });
    }

    /**
     * As {@link #finish(RdumpCommand, String, RunResult)}, with {@code more} fields in the JSON
     * document. Every error is printed once: a failed step's by the listener when it fails (its
     * first line), the rest of a long message here (a test restore's differences on standard
     * output, other lines on stderr), and an error of the run itself (interrupted, a lock, a
     * pre-flight problem) here.
     */
    static int finish(RdumpCommand top, String command, RunResult r, Consumer<JsonDocument> more) {
        if (!top.json) {
            // every failed test restore's differences (later ones are suppressed by the first)
            r.firstError().ifPresent(e -> differences(e).forEach(d -> d.report().lines().forEach(top.out::println)));
        }
        if (top.json) {
            return json(top, command, r, more);
        } else {
            List<String> reports = java.util.stream.Stream.concat(
                    r.recovered().stream().map(u -> u.volume() + ": recovered: removed " + u.display()),
                    r.steps().stream().flatMap(s -> s.reports().stream().map(m -> s.volume() + ": " + m))).toList();
            if (!reports.isEmpty()) {
                top.out.println("report:");
                reports.forEach(line -> top.out.println("  " + line));
                r.warnings().forEach(line -> top.out.println("  warning: " + line));
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

    /** The run's JSON document (docs/json.md); an error of the run itself (not a step's) on stderr. */
    private static int json(RdumpCommand top, String command, RunResult r, Consumer<JsonDocument> more) {
        JsonDocument doc = JsonDocument.of(command);
        JsonRecords.run(doc, r);
        more.accept(doc);
        r.firstError().ifPresent(e -> {
            doc.put("error", JsonRecords.error(e));
            if (!r.failedVolumes().containsValue(e)) {
                top.err.println("rdump: " + ConsoleListener.firstLine(String.valueOf(e.getMessage())));
            }
            if (top.verbosity() >= 2) {
                e.printStackTrace(top.err);
            }
        });
        return doc.print(top.out, r.firstError().map(ExitCode::of).orElse(ExitCode.OK));
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
