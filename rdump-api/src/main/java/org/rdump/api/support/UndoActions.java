package org.rdump.api.support;

import java.time.Duration;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;

/**
 * Carries out the actions of an {@link Undo} record, the same way in a step's cleanup and in the
 * recovery of a killed run: commands through the context's runner (so a dry run shows them),
 * deletions and process stops in Java (skipped in a dry run). Every action is idempotent.
 *
 * @since 0.2
 */
public final class UndoActions {
    private UndoActions() {
    }

    /**
     * Carries out every action of {@code undo}, in order, stopping at the first that fails.
     *
     * @param undo the record; never null
     * @param context the context whose runner runs the actions (and only records them in a dry run); never null
     * @throws RdumpException naming the resource, the failure, and what to run by hand
     */
    public static void carryOut(Undo undo, RunContext context) {
        for (UndoAction a : undo.actions()) {
            try {
                carryOut(a, context);
            } catch (RdumpException e) {
                throw new RdumpException("cannot remove " + undo.display() + " (volume " + undo.volume() + "): "
                        + e.getMessage() + "; remove it by hand: " + undo.manual(), e);
            }
        }
    }

    private static void carryOut(UndoAction action, RunContext context) {
        if (action instanceof UndoAction.Run r) {
            run(r, context);
        } else if (action instanceof UndoAction.Delete d) {
            if (!context.dryRun()) {
                Trees.delete(d.path());
            }
        } else if (action instanceof UndoAction.DeleteMatching m) {
            if (!context.dryRun()) {
                deleteMatching(m);
            }
        } else if (action instanceof UndoAction.Stop s) {
            if (!context.dryRun()) {
                ProcessStopper.find(s.pid(), s.started()).ifPresent(p -> {
                    context.logger("rdump.recover").warn("stopping " + s.program()
                            + " (pid " + s.pid() + ") left running by a killed run");
                    ProcessStopper.stop(p, s.signal(), s.grace());
                });
            }
        } else {
            throw new AssertionError(action);
        }
    }

    private static void run(UndoAction.Run r, RunContext context) {
        if (!r.onlyIf().isEmpty() && context.runner().executes() && !exists(r, context)) {
            return;
        }
        Command cmd = Command.of(r.argv()).withTimeout(Duration.ofMinutes(10));
        for (int attempt = 1; ; attempt++) {
            try {
                context.runner().run(cmd);
                return;
            } catch (CommandFailedException e) {
                if (attempt >= r.attempts() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (!r.onlyIf().isEmpty() && !exists(r, context)) {
                    return;
                }
                sleep();
            }
        }
    }

    private static void deleteMatching(UndoAction.DeleteMatching m) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(m.nameRegex());
        if (!java.nio.file.Files.isDirectory(m.directory(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(m.directory())) {
            for (java.nio.file.Path e : (Iterable<java.nio.file.Path>) s::iterator) {
                if (p.matcher(e.getFileName().toString()).matches()) {
                    Trees.delete(e);
                }
            }
        } catch (java.io.IOException e) {
            throw new RdumpException("cannot list " + m.directory() + ": " + e, e);
        }
    }

    /** Whether the resource is still there, and (with {@code expect}) is this record's own. */
    private static boolean exists(UndoAction.Run r, RunContext context) {
        try {
            String out = context.runner().run(Command.of(r.onlyIf()).withTimeout(Duration.ofMinutes(2))).stdout();
            return r.expect().isEmpty() || r.expect().equals(out.strip());
        } catch (CommandFailedException e) {
            if (e.exitCode() < 0) {
                throw e; // could not ask (program missing, timeout): never guess that it is gone
            }
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
