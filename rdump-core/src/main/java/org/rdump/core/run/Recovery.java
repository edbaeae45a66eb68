package org.rdump.core.run;

import org.rdump.api.support.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>A record of a shared resource ({@link #resourceOf}) is undone only after the journal's
 * {@link Journal#claims()} gave this run that resource: one held by another live run (a clone
 * of the same name that run has just made) is left alone, kept open and reported.
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

    /**
     * The shared resource ({@code kind:identity}, as {@link org.rdump.api.Step#resources()} names
     * it) an undo record removes, or empty for what only the run itself uses (scratch, temporary
     * files, child processes).
     */
    public static Optional<String> resourceOf(Undo undo) {
        return switch (undo.kind()) {
            case "zfs-clone" -> Optional.of("zfs:" + undo.identity());
            case "lvm-snapshot" -> Optional.of("lvm:" + undo.identity());
            case "mount" -> Optional.of("mount:" + undo.identity());
            default -> Optional.empty();
        };
    }

    /** Carries out every open record of {@code journal}, newest first, telling {@code context}'s listener. */
    public static Report run(Journal journal, RunContext context) {
        List<Undo> open = new ArrayList<>(journal.openRecords());
        java.util.Collections.reverse(open);
        List<Undo> undone = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (String d : journal.damagedLines()) {
            context.listener().onEvent(new RunEvent.Warning("", "the journal " + journal.file()
                    + " has an unreadable " + d + " (kept in " + journal.file().getFileName() + ".damaged; check by hand"
                    + " what it names)"));
        }
        if (!open.isEmpty()) {
            context.listener().onEvent(new RunEvent.Warning("", "an earlier run was killed before its cleanups;"
                    + " undoing the " + Plural.of(open.size(), "thing") + " it left: "
                    + String.join(", ", open.stream().map(Undo::display).toList())));
        }
        boolean interrupted = Thread.interrupted();
        try {
            for (Undo u : open) {
                Optional<String> busy = resourceOf(u).flatMap(r -> journal.claims().claim(r));
                if (busy.isPresent()) {
                    String why = "not undoing " + u.display() + ": " + busy.get();
                    failed.add(new Failure(u, why));
                    context.listener().onEvent(new RunEvent.Warning(u.volume(), why
                            + " (kept in the journal " + journal.file() + "; the next run tries again)"));
                    continue;
                }
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
