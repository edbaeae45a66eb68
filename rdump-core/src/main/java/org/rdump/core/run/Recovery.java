package org.rdump.core.run;

import java.util.ArrayList;
import java.util.List;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Undo;
import org.rdump.api.support.UndoActions;

/**
 * Undoes what killed runs left behind: carries out the open {@link Undo} records of a
 * {@link Journal}, newest first (children are stopped before the clone they read is destroyed),
 * each at most once per call and idempotently, without re-planning: whatever the configuration
 * says now. A record that cannot be undone stays open, and is reported with the command to run by
 * hand; the others still run.
 */
public final class Recovery {

    /** What one recovery did. Immutable. */
    public record Report(List<Undo> undone, List<Failure> failed, List<String> damagedLines) {
        public Report {
            undone = List.copyOf(undone);
            failed = List.copyOf(failed);
            damagedLines = List.copyOf(damagedLines);
        }

        /** True when nothing was left over. */
        public boolean nothingToDo() {
            return undone.isEmpty() && failed.isEmpty() && damagedLines.isEmpty();
        }

        public boolean clean() {
            return failed.isEmpty();
        }
    }

    /** A record that could not be undone, with the reason (which names the manual command). */
    public record Failure(Undo undo, String message) {
    }

    private Recovery() {
    }

    /** Carries out every open record of {@code journal}, newest first, telling {@code context}'s listener. */
    public static Report run(Journal journal, RunContext context) {
        List<Undo> open = new ArrayList<>(journal.openRecords());
        java.util.Collections.reverse(open);
        List<Undo> undone = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (String d : journal.damagedLines()) {
            context.listener().onEvent(new RunEvent.Warning("rdump", "the journal " + journal.file()
                    + " has an unreadable " + d + " (kept in " + journal.file().getFileName() + ".damaged; check by hand"
                    + " what it names)"));
        }
        if (!open.isEmpty()) {
            context.listener().onEvent(new RunEvent.Warning("rdump", "an earlier run was killed before its cleanups;"
                    + " undoing the " + open.size() + " thing" + (open.size() == 1 ? "" : "s") + " it left: "
                    + String.join(", ", open.stream().map(Undo::display).toList())));
        }
        boolean interrupted = Thread.interrupted();
        try {
            for (Undo u : open) {
                try {
                    UndoActions.carryOut(u, context);
                    journal.done(u);
                    undone.add(u);
                    context.listener().onEvent(new RunEvent.Report(u.volume(), "recovered: removed " + u.display()));
                } catch (RdumpException e) {
                    failed.add(new Failure(u, e.getMessage()));
                    context.listener().onEvent(new RunEvent.Warning(u.volume(), e.getMessage()
                            + " (kept in the journal " + journal.file() + "; the next run tries again)"));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new Report(undone, failed, journal.damagedLines());
    }
}
