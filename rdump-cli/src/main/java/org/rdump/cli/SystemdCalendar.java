package org.rdump.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;

/**
 * Checks an {@code OnCalendar=} expression with {@code systemd-analyze calendar EXPR} (systemd's
 * own parser, so rdump accepts exactly what the timer will) and reads when it next elapses.
 */
final class SystemdCalendar {
    static final String PROGRAM = "systemd-analyze";

    private SystemdCalendar() {
    }

    /** The command: {@code systemd-analyze calendar -- EXPR}. */
    static Command command(String expression) {
        return Command.of(PROGRAM, "calendar", "--", expression).withTimeout(Duration.ofSeconds(30));
    }

    /**
     * When {@code expression} next elapses, as systemd-analyze prints it
     * ({@code Thu 2026-12-03 00:00:00 UTC}).
     *
     * @return empty when systemd-analyze printed no {@code Next elapse:} line (it never elapses)
     * @throws IllegalArgumentException with systemd-analyze's message when it rejects the expression
     */
    static Optional<String> nextElapse(CommandRunner runner, String expression) {
        CommandResult r;
        try {
            r = runner.run(command(expression));
        } catch (CommandFailedException e) {
            List<String> lines = e.stderrTail().lines().filter(l -> !l.isBlank()).toList();
            String why = lines.isEmpty() ? "exit " + e.exitCode() : lines.get(lines.size() - 1).strip();
            throw new IllegalArgumentException("--on-calendar '" + expression + "' is not a systemd calendar"
                    + " expression (" + PROGRAM + ": " + why + "); see man systemd.time, e.g. daily,"
                    + " 'Mon..Fri 02:00', '*-*-* 03:30:00'", e);
        }
        return nextElapse(r.stdout());
    }

    /** The value of the first {@code Next elapse:} line of systemd-analyze's output. */
    static Optional<String> nextElapse(String output) {
        return output.lines().map(String::strip).filter(l -> l.startsWith("Next elapse:"))
                .map(l -> l.substring("Next elapse:".length()).strip()).findFirst();
    }
}
