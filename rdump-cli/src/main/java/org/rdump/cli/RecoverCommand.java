package org.rdump.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rdump.core.Rdump;
import org.rdump.core.run.Recovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rdump recover}: undoes what a killed run left behind (what {@code backup} and
 * {@code verify} do first anyway), and says what it did and what it could not do.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Undo what a killed run left behind (clones, snapshots of LVM, mounts, scratch, temporary files,"
                + " child processes), from the run journal, newest first. backup and verify do this first by"
                + " themselves. Exits 1 when something could not be removed (the exact command to run by hand is"
                + " printed, and the journal keeps it).")
final class RecoverCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Override
    public Integer call() {
        ConsoleListener listener = top.quietListener();
        Rdump rdump = top.rdump(listener);
        Recovery.Report r = rdump.recover();
        if (top.json) {
            List<Map<String, Object>> failed = new ArrayList<>();
            for (Recovery.Failure f : r.failed()) {
                Map<String, Object> j = JsonRecords.undo(f.undo());
                j.put("error", f.message());
                failed.add(j);
            }
            return JsonDocument.of("recover").put("undone", r.undone().stream().map(JsonRecords::undo).toList())
                    .put("failed", failed).put("damagedJournalLines", r.damagedLines())
                    .put("error", r.clean() ? null : JsonRecords.error("failed", org.rdump.api.support.Plural.of(r.failed().size(),
                            "resource") + " could not be removed; the journal keeps them (see 'manual')"))
                    .print(top.out, r.clean() ? ExitCode.OK : ExitCode.FAILED);
        } else if (r.nothingToDo()) {
            top.out.println("nothing to recover: no earlier run of " + rdump.config().file() + " left anything behind");
        } else {
            r.undone().forEach(u -> top.out.println("removed " + u.display() + " (volume " + u.volume() + ")"));
            r.failed().forEach(f -> top.out.println("NOT removed " + f.undo().display() + ": " + f.message()));
            r.damagedLines().forEach(d -> top.out.println("unreadable journal " + d));
        }
        return r.clean() ? ExitCode.OK : ExitCode.FAILED;
    }
}
