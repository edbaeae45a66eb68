package org.rdump.core.command;

import java.util.Objects;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.ProcessTracker;
import org.rdump.api.command.RunningCommand;

/**
 * A runner that turns each command into another one (a sudo or ssh prefix) and runs that with
 * the runner it wraps. Results name the caller's command, so messages and tests see what was
 * asked for; the wrapped argument vector is in the log line of the inner runner.
 */
abstract class WrappingCommandRunner implements CommandRunner {
    private final CommandRunner inner;

    WrappingCommandRunner(CommandRunner inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The command the inner runner runs for {@code command} (pure). */
    abstract Command wrapped(Command command);

    final CommandRunner inner() {
        return inner;
    }

    @Override
    public final CommandResult run(Command command, LineListener stdout, LineListener stderr) {
        CommandResult r = inner.run(wrapped(command), stdout, stderr);
        return new CommandResult(command, r.exitCode(), r.stdout(), r.stderr(), r.elapsed());
    }

    @Override
    public final RunningCommand start(Command command) {
        return inner.start(wrapped(command));
    }

    /** The same wrapping around the inner runner's tracking runner. */
    @Override
    public CommandRunner tracking(ProcessTracker tracker) {
        WrappingCommandRunner outer = this;
        return new WrappingCommandRunner(inner.tracking(tracker)) {
            @Override
            Command wrapped(Command command) {
                return outer.wrapped(command);
            }
        };
    }

    @Override
    public final boolean executes() {
        return inner.executes();
    }
}
