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
    private final String command;
    private final int exitCode;
    private final String stderrTail;

    public CommandFailedException(CommandResult result) {
        this(result.command().toString(), result.exitCode(), result.stderr(), null);
    }

    /**
     * @param command the redacted rendering ({@link Command#toString()})
     * @param exitCode the exit status, or -1 when the program did not start
     * @param stderr its standard error (only the last lines are kept)
     * @param hint what to do next, or null
     */
    public CommandFailedException(String command, int exitCode, String stderr, String hint) {
        super(render(command, exitCode, tail(stderr), hint));
        this.command = command;
        this.exitCode = exitCode;
        this.stderrTail = tail(stderr);
    }

    public String command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

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
