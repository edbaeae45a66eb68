package org.rdump.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rdump.api.Undo;
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
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", "recover");
            m.put("undone", r.undone().stream().map(RecoverCommand::json).toList());
            List<Map<String, Object>> failed = new ArrayList<>();
            for (Recovery.Failure f : r.failed()) {
                Map<String, Object> j = json(f.undo());
                j.put("error", f.message());
                failed.add(j);
            }
            m.put("failed", failed);
            m.put("damagedJournalLines", r.damagedLines());
            top.printJson(m);
        } else if (r.nothingToDo()) {
            top.out.println("nothing to recover: no earlier run of " + rdump.config().file() + " left anything behind");
        } else {
            r.undone().forEach(u -> top.out.println("removed " + u.display() + " (volume " + u.volume() + ")"));
            r.failed().forEach(f -> top.out.println("NOT removed " + f.undo().display() + ": " + f.message()));
            r.damagedLines().forEach(d -> top.out.println("unreadable journal " + d));
        }
        return r.clean() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static Map<String, Object> json(Undo u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", u.kind());
        m.put("identity", u.identity());
        m.put("volume", u.volume());
        m.put("manual", u.manual());
        return m;
    }
}
