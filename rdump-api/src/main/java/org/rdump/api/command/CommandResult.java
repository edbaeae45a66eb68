package org.rdump.api.command;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a finished program gave back. Immutable.
 *
 * @param command what ran
 * @param exitCode its exit status (128+signal when killed)
 * @param stdout standard output, decoded as UTF-8 (malformed bytes replaced)
 * @param stderr standard error, decoded as UTF-8
 * @param elapsed wall time
 * @since 0.1
 */
public record CommandResult(Command command, int exitCode, String stdout, String stderr,
                            Duration elapsed) {
    /**
     * Checks the components.
     *
     * @param command what ran
     * @param exitCode its exit status (128+signal when killed)
     * @param stdout standard output, decoded as UTF-8 (malformed bytes replaced)
     * @param stderr standard error, decoded as UTF-8
     * @param elapsed wall time
     * @throws NullPointerException if a component is null
     */
    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Standard output split into lines, without line ends (a final newline makes no empty line).
     *
     * @return the lines; never null, empty when there was no output
     */
    public List<String> stdoutLines() {
        if (stdout.isEmpty()) {
            return List.of();
        }
        String body = stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        return List.of(body.split("\r?\n", -1));
    }

    /**
     * Whether the command accepts this exit code as success.
     *
     * @return true when {@link Command#accepts} the exit code
     */
    public boolean succeeded() {
        return command.accepts(exitCode);
    }
}
