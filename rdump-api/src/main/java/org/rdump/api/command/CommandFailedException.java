package org.rdump.api.command;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.rdump.api.RdumpException;

/**
 * An external program failed: it exited with a code not accepted, timed out, or could not be
 * started. The message holds the (redacted) command, the exit status and the last lines of
 * its standard error.
 *
 * @since 0.1
 */
public class CommandFailedException extends RdumpException {
    private static final long serialVersionUID = 1L;
    private static final int TAIL_LINES = 10;
    /** The redacted rendering of the command. */
    private final String command;
    /** The exit status, or -1 when the program did not start. */
    private final int exitCode;
    /** The last lines of standard error. */
    private final String stderrTail;
    /** Whether the program was stopped because it ran past its timeout. */
    private final boolean timedOut;

    /**
     * An exception for a program that ended with an exit code it does not accept.
     *
     * @param result what the program gave back; never null
     */
    public CommandFailedException(CommandResult result) {
        this(result.command().toString(), result.exitCode(), result.stderr(), null);
    }

    /**
     * An exception for a program that failed, timed out or could not start, with what to do next.
     *
     * @param command the redacted rendering ({@link Command#toString()}); never null
     * @param exitCode the exit status, or -1 when the program did not start
     * @param stderr its standard error (only the last lines are kept); never null
     * @param hint what to do next, or null
     */
    public CommandFailedException(String command, int exitCode, String stderr, String hint) {
        super(render(command, exitCode, tail(stderr), hint));
        this.command = command;
        this.exitCode = exitCode;
        this.stderrTail = tail(stderr);
        this.timedOut = false;
    }

    private CommandFailedException(String command, java.time.Duration timeout, String stderr) {
        super(command + " timed out after " + human(timeout) + "; its process tree was stopped"
                + (tail(stderr).isEmpty() ? "" : ":\n  " + tail(stderr).replace("\n", "\n  ")));
        this.command = command;
        this.exitCode = -1;
        this.stderrTail = tail(stderr);
        this.timedOut = true;
    }

    /**
     * A program that ran longer than its {@link Command#timeout()} and was stopped with its
     * process tree.
     *
     * @param command the redacted rendering ({@link Command#toString()}); never null
     * @param timeout the timeout that passed; never null
     * @param stderr what it wrote to standard error (only the last lines are kept); never null
     * @return the exception, whose {@link #exitCode()} is -1 and {@link #timedOut()} true
     * @since 0.6
     */
    public static CommandFailedException timedOut(String command, java.time.Duration timeout, String stderr) {
        return new CommandFailedException(command, timeout, stderr);
    }

    /**
     * Whether the program was stopped because its timeout passed.
     *
     * @return true for {@link #timedOut(String, java.time.Duration, String)}
     * @since 0.6
     */
    public boolean timedOut() {
        return timedOut;
    }

    /** {@code 90s}, {@code 10m}, {@code 1h30m}: a timeout as a config would write it. */
    private static String human(java.time.Duration d) {
        long s = d.toSeconds();
        if (s < 60 || s % 60 != 0) {
            return s < 1 ? d.toMillis() + "ms" : s + "s";
        }
        long m = s / 60;
        return m < 60 || m % 60 != 0 ? (m >= 60 ? m / 60 + "h" + m % 60 + "m" : m + "m") : m / 60 + "h";
    }

    /**
     * The command as logs show it, with secrets masked.
     *
     * @return the redacted rendering; never null
     */
    public String command() {
        return command;
    }

    /**
     * The program's exit status.
     *
     * @return the status (128+signal when killed), or -1 when it did not start
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The last lines (at most 10, blank ones left out) of the program's standard error.
     *
     * @return the lines joined by newlines; never null, empty when it wrote nothing
     */
    public String stderrTail() {
        return stderrTail;
    }

    private static String tail(String stderr) {
        List<String> lines = Arrays.stream(stderr.split("\r?\n")).filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).stream()
                .collect(Collectors.joining("\n"));
    }

    private static String render(String command, int exitCode, String tail, String hint) {
        StringBuilder sb = new StringBuilder();
        sb.append(command).append(exitCode < 0 ? " could not be started" : " failed (exit " + exitCode + ")");
        if (!tail.isEmpty()) {
            sb.append(":\n  ").append(tail.replace("\n", "\n  "));
        }
        if (hint != null && !hint.isEmpty()) {
            sb.append("\n").append(hint);
        }
        return sb.toString();
    }
}
