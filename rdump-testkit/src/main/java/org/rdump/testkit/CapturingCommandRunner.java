package org.rdump.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.RunningCommand;

/**
 * Runs every command through another runner (usually a real one) and keeps each command it was
 * given, so that a test can check what really ran: for example that no argument vector holds a
 * secret. Thread-safe.
 */
public final class CapturingCommandRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final List<Command> commands = new ArrayList<>();

    public CapturingCommandRunner(CommandRunner delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public CommandResult run(Command command, LineListener stdout, LineListener stderr) {
        record(command);
        return delegate.run(command, stdout, stderr);
    }

    @Override
    public RunningCommand start(Command command) {
        record(command);
        return delegate.start(command);
    }

    @Override
    public boolean executes() {
        return delegate.executes();
    }

    private synchronized void record(Command command) {
        commands.add(command);
    }

    /** Every command given so far, in order. */
    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }
}
