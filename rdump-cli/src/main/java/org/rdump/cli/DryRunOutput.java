package org.rdump.cli;

import org.rdump.core.Rdump;
import org.rdump.core.plan.DryRunResult;

/** A dry run on standard output: its lines, or its JSON document; and the exit code. */
final class DryRunOutput {
    private DryRunOutput() {
    }

    /**
     * Prints {@code r} and returns 1 when the dry run stopped early, else 0.
     *
     * @param heading whether the text starts with a line naming the configuration
     */
    static int print(RdumpCommand top, String command, Rdump rdump, DryRunResult r, boolean heading) {
        int code = r.complete() ? ExitCode.OK : ExitCode.FAILED;
        if (top.json) {
            JsonDocument doc = JsonDocument.of(command).put("config", rdump.config().file().toString());
            JsonRecords.dryRun(doc, r);
            return doc.print(top.out, code);
        }
        if (heading) {
            top.out.println("dry run of " + rdump.config().file() + " (nothing is run):");
        }
        r.lines().forEach(top.out::println);
        return code;
    }
}
