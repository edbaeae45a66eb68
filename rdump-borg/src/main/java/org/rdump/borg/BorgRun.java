package org.rdump.borg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.LineListener;

/**
 * Runs borg commands for one tool instance and volume: turns {@code archive_progress} lines into
 * {@link RunEvent.Progress}, keeps borg's log messages, and turns a failure into a
 * {@link CommandFailedException} that shows borg's error messages (not raw JSON) and what to do
 * next. Every text it passes on has the configured secrets removed. One instance per SPI call;
 * not thread-safe.
 */
final class BorgRun {
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;
    private static final int PLAIN_TAIL = 5;

    private final BorgSettings settings;
    private final ToolTarget target;
    private final String volume;
    private final RunContext context;
    private final List<BorgJsonParser.LogMessage> messages = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();
    private double firstTime = -1;
    private long firstBytes;
    private long lastEventNanos;

    BorgRun(BorgSettings settings, ToolTarget target, String volume, RunContext context) {
        this.settings = settings;
        this.target = target;
        this.volume = volume;
        this.context = context;
    }

    /**
     * Runs one command.
     *
     * @param what a few words for messages, e.g. {@code create root-20261124T101500Z}
     * @return the result; its exit code is 0 or 1 (see {@link #warnings})
     * @throws CommandFailedException when borg exits 2 or more, or cannot be started
     */
    CommandResult run(Command command, String what) {
        return run(command, what, context.runner());
    }

    /**
     * Runs a read-only command ({@code list}, {@code prune --dry-run}) through the context's
     * query runner, so that a dry run reads the real repository too.
     */
    CommandResult query(Command command, String what) {
        return run(command, what, context.queryRunner());
    }

    /**
     * Runs a read-only command through the context's query runner (also in a dry run), for a
     * pre-flight check.
     *
     * @return empty when it succeeded, else what borg said and what to do, with secrets removed
     */
    java.util.Optional<String> probe(Command command, String what) {
        try {
            run(command, what, context.queryRunner());
            return java.util.Optional.empty();
        } catch (CommandFailedException e) {
            String said = lastFailure[0].strip();
            while (said.endsWith(".")) {
                said = said.substring(0, said.length() - 1);
            }
            return java.util.Optional.of((said.isEmpty() ? "" : said.replace("\n", "; ") + "; ") + lastFailure[1]);
        }
    }

    private final String[] lastFailure = {"", ""};

    private CommandResult run(Command command, String what, org.rdump.api.command.CommandRunner runner) {
        synchronized (this) {
            messages.clear();
            plain.clear();
            firstTime = -1;
            lastEventNanos = System.nanoTime() - PROGRESS_INTERVAL_NANOS;
        }
        LineListener stderr = this::onStderrLine;
        try {
            return runner.run(command, LineListener.NONE, stderr);
        } catch (CommandFailedException e) {
            throw failure(e, what);
        }
    }

    private synchronized void onStderrLine(String line) {
        var parsed = BorgJsonParser.logLine(line);
        if (parsed.isEmpty()) {
            if (!line.isBlank() && !line.strip().startsWith("{")) {
                plain.add(line.strip());
            }
            return;
        }
        if (parsed.get() instanceof BorgJsonParser.LogMessage m) {
            messages.add(m);
        } else if (parsed.get() instanceof BorgJsonParser.ArchiveProgress p && !p.finished()) {
            if (firstTime < 0) {
                firstTime = p.time();
                firstBytes = p.originalSize();
            }
            long now = System.nanoTime();
            if (now - lastEventNanos >= PROGRESS_INTERVAL_NANOS) {
                lastEventNanos = now;
                double seconds = p.time() - firstTime;
                double rate = seconds > 0 ? (p.originalSize() - firstBytes) / seconds : 0;
                context.listener().onEvent(new RunEvent.Progress(volume, "borg", p.files(), -1,
                        p.originalSize(), -1, rate, Duration.ofSeconds(-1)));
            }
        }
    }

    /** The text of every log message of the last command (e.g. {@code borg prune --list}'s lines), in order. */
    synchronized List<String> messageTexts() {
        return messages.stream().map(BorgJsonParser.LogMessage::message).toList();
    }

    /** The warnings of a finished command: one line for exit 1 with borg's warning messages, else none. */
    synchronized List<String> warnings(CommandResult result) {
        if (result.exitCode() != 1) {
            return List.of();
        }
        String said = messagesAt("WARNING", "ERROR", "CRITICAL");
        if (said.isEmpty()) {
            said = plainTail();
        }
        String verb = result.command().argv().size() > 1 ? result.command().argv().get(1) : "borg";
        return List.of(settings.redact("borg " + verb + " exit 1 (warning)" + (said.isEmpty() ? "" : ": " + said)));
    }

    private synchronized CommandFailedException failure(CommandFailedException e, String what) {
        if (e.exitCode() < 0) {
            String hint = settings.wrapper() != null
                    ? "check 'wrapper' at " + target.settings().locate("wrapper") + ": it must exist and be executable"
                    : "check that borg is installed (apt-get install borgbackup) and on PATH";
            lastFailure[0] = settings.redact(e.stderrTail());
            lastFailure[1] = hint;
            return new CommandFailedException(e.command(), e.exitCode(), settings.redact(e.stderrTail()), hint);
        }
        String said = messagesAt("ERROR", "CRITICAL");
        if (said.isEmpty()) {
            said = plainTail();
        }
        if (said.isEmpty()) {
            said = e.stderrTail();
        }
        lastFailure[0] = settings.redact(said);
        lastFailure[1] = settings.redact(hint(e.exitCode(), what));
        return new CommandFailedException(e.command(), e.exitCode(), lastFailure[0], lastFailure[1]);
    }

    private String hint(int exitCode, String what) {
        String where = "borg tool '" + target.name() + "' (" + what + ")";
        List<String> ids = messages.stream().map(BorgJsonParser.LogMessage::msgid).toList();
        if (ids.contains("PassphraseWrong")) {
            return "the passphrase of " + where + " is wrong: check 'passphrase' or 'passcommand' at "
                    + target.settings().locate(settings.passcommand() != null ? "passcommand" : "passphrase");
        }
        if (ids.stream().anyMatch(i -> i.startsWith("Repository.DoesNotExist") || i.startsWith("Repository.InvalidRepository")
                || i.startsWith("Repository.ParentPathDoesNotExist"))) {
            return "no borg repository for " + where + ": check 'repo' at " + target.settings().locate("repo")
                    + ", or make one with: borg init --encryption=repokey REPO";
        }
        if (ids.stream().anyMatch(i -> i.startsWith("Lock"))) {
            return "another borg process holds the repository lock of " + where
                    + "; wait for it, or if none is running, run: borg break-lock REPO";
        }
        if (exitCode >= 128) {
            return "borg was killed by signal " + (exitCode - 128) + " during " + what;
        }
        return "borg failed during " + what + " of " + where;
    }

    private String messagesAt(String... levels) {
        List<String> wanted = List.of(levels);
        return messages.stream().filter(m -> wanted.contains(m.level()))
                .map(m -> m.message().strip()).filter(s -> !s.isEmpty()).distinct()
                .collect(Collectors.joining("\n"));
    }

    private String plainTail() {
        return String.join("\n", plain.subList(Math.max(0, plain.size() - PLAIN_TAIL), plain.size()));
    }
}
