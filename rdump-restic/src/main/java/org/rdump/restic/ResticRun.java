package org.rdump.restic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;

/**
 * Runs restic commands for one tool instance and volume: turns {@code backup --json} status
 * lines into {@link RunEvent.Progress}, keeps the items restic could not read, and turns a
 * failure into a {@link CommandFailedException} with restic's own message and what to do next.
 * A command refused because the repository is locked is tried once more after
 * {@code restic unlock}, which removes only stale locks (those a killed restic left); a live
 * lock stays and the command fails with a hint. Every text it passes on has the password
 * command removed. One instance per SPI call; not thread-safe.
 */
final class ResticRun {
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;
    private static final int LISTED_ITEMS = 5;
    static final String LOCKED = "repository is already locked";

    private final ResticSettings settings;
    private final ToolTarget target;
    private final String volume;
    private final RunContext context;
    private final List<ResticJsonParser.ItemError> unreadable = new ArrayList<>();
    private long firstNanos = -1;
    private long lastEventNanos;

    ResticRun(ResticSettings settings, ToolTarget target, String volume, RunContext context) {
        this.settings = settings;
        this.target = target;
        this.volume = volume;
        this.context = context;
    }

    /**
     * Runs one command through the context's runner.
     *
     * @param what a few words for messages, e.g. {@code backup vol-20261124T101500Z}
     * @throws CommandFailedException when restic exits with a code the command does not accept
     */
    CommandResult run(Command command, String what) {
        return run(command, what, context.runner());
    }

    /** Runs a read-only command through the context's query runner, so that a dry run reads the real repository too. */
    CommandResult query(Command command, String what) {
        return run(command, what, context.queryRunner());
    }

    /**
     * Runs a read-only command through the query runner, for a pre-flight check.
     *
     * @return empty when it succeeded, else what restic said and what to do, with secrets removed
     */
    Optional<String> probe(Command command, String what) {
        try {
            query(command, what);
            return Optional.empty();
        } catch (CommandFailedException e) {
            String said = e.stderrTail().strip().replace("\n", "; ");
            return Optional.of((said.isEmpty() ? "" : said + "; ") + lastHint);
        }
    }

    private String lastHint = "";

    private CommandResult run(Command command, String what, CommandRunner runner) {
        synchronized (this) {
            unreadable.clear();
            firstNanos = -1;
            lastEventNanos = System.nanoTime() - PROGRESS_INTERVAL_NANOS;
        }
        try {
            return runner.run(command, this::onStdoutLine, this::onStderrLine);
        } catch (CommandFailedException e) {
            if (e.exitCode() == 1 && e.stderrTail().contains(LOCKED)) {
                try {
                    runner.run(ResticCommands.unlock(settings));
                } catch (CommandFailedException unlockFailed) {
                    throw failure(e, what);
                }
                context.listener().onEvent(new RunEvent.Warning(volume, "restic '" + target.name() + "': the"
                        + " repository was locked; removed stale locks (restic unlock: locks of restic processes"
                        + " that are gone) and ran " + what + " again"));
                try {
                    return runner.run(command, this::onStdoutLine, this::onStderrLine);
                } catch (CommandFailedException again) {
                    throw failure(again, what);
                }
            }
            throw failure(e, what);
        }
    }

    private synchronized void onStdoutLine(String line) {
        if (!(ResticJsonParser.backupLine(line).orElse(null) instanceof ResticJsonParser.Status st)) {
            return;
        }
        long now = System.nanoTime();
        if (firstNanos < 0) {
            firstNanos = now;
        }
        if (now - lastEventNanos < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastEventNanos = now;
        double seconds = (now - firstNanos) / 1e9;
        double rate = seconds > 0 && st.bytesDone() > 0 ? st.bytesDone() / seconds : 0;
        context.listener().onEvent(new RunEvent.Progress(volume, "restic", Math.max(0, st.filesDone()),
                st.totalFiles(), Math.max(0, st.bytesDone()), st.totalBytes(), rate,
                Duration.ofSeconds(st.secondsRemaining() > 0 ? st.secondsRemaining() : -1),
                st.percentDone() >= 0 ? Math.min(100, st.percentDone() * 100) : -1));
    }

    private synchronized void onStderrLine(String line) {
        if (ResticJsonParser.backupLine(line).orElse(null) instanceof ResticJsonParser.ItemError e) {
            unreadable.add(e);
        }
    }

    /**
     * The warning of a finished {@code backup}: for exit 3, one line naming the items restic
     * could not read (relative to {@code source} where they are below it), else none.
     */
    synchronized List<String> warnings(CommandResult result, Path source) {
        if (result.exitCode() != 3) {
            return List.of();
        }
        List<String> items = unreadable.stream().map(e -> {
            String item = e.item();
            String root = source.toString() + "/";
            if (item.startsWith(root)) {
                item = item.substring(root.length());
            }
            return "'" + item + "'" + (e.message().isEmpty() ? "" : " (" + e.message() + ")");
        }).distinct().toList();
        String listed = String.join(", ", items.subList(0, Math.min(LISTED_ITEMS, items.size())))
                + (items.size() > LISTED_ITEMS ? " and " + (items.size() - LISTED_ITEMS) + " more" : "");
        return List.of(settings.redact("restic backup exit 3 (warning): some files could not be read, and the"
                + " snapshot lacks them" + (items.isEmpty() ? "" : ": " + listed)));
    }

    private CommandFailedException failure(CommandFailedException e, String what) {
        String said = settings.redact(e.stderrTail());
        if (e.exitCode() < 0) {
            String hint = settings.program().equals("restic")
                    ? "check that restic is installed (apt-get install restic) and on PATH"
                    : "check 'program' at " + target.settings().locate("program") + ": it must exist and be executable";
            lastHint = hint;
            return new CommandFailedException(e.command(), e.exitCode(), said, hint);
        }
        lastHint = settings.redact(hint(e, what));
        return new CommandFailedException(e.command(), e.exitCode(), said, lastHint);
    }

    private String hint(CommandFailedException e, String what) {
        String where = "restic tool '" + target.name() + "' (" + what + ")";
        String said = e.stderrTail();
        String passwordKey = settings.passwordCommand() != null ? "password_command" : "password_file";
        if (said.contains("wrong password or no key found")) {
            return "the password of " + where + " is wrong: check '" + passwordKey + "' at "
                    + target.settings().locate(passwordKey);
        }
        if (said.contains("Resolving password failed")) {
            return "the password of " + where + " could not be read: check '" + passwordKey + "' at "
                    + target.settings().locate(passwordKey);
        }
        if (said.contains("Is there a repository at the following location?") || said.contains("unable to open config file")
                || said.contains("unable to open repository")) {
            return "no restic repository for " + where + ": check 'repo' at " + target.settings().locate("repo")
                    + ", or make one with: restic init (with RESTIC_REPOSITORY and the password set as configured)";
        }
        if (said.contains(LOCKED)) {
            return "another restic process holds the repository lock of " + where
                    + "; wait for it, or if none is running, run: restic unlock";
        }
        if (e.exitCode() >= 128) {
            return "restic was killed by signal " + (e.exitCode() - 128) + " during " + what;
        }
        return "restic failed during " + what + " of " + where;
    }
}
