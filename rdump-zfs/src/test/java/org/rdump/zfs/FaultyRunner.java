package org.rdump.zfs;

import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.RunningCommand;

/** Wraps a real runner and fails the first command whose argv contains {@code trigger}, after running it. */
final class FaultyRunner implements CommandRunner {
    private final CommandRunner real;
    private final String trigger;
    private boolean fired;

    FaultyRunner(CommandRunner real, String trigger) {
        this.real = real;
        this.trigger = trigger;
    }

    @Override
    public synchronized CommandResult run(Command command, LineListener stdout, LineListener stderr) {
        CommandResult r = real.run(command, stdout, stderr);
        if (!fired && !trigger.isEmpty() && String.join(" ", command.argv()).contains(trigger)) {
            fired = true;
            throw new CommandFailedException(command.toString(), 99, "injected failure after running", null);
        }
        return r;
    }

    @Override
    public RunningCommand start(Command command) {
        return real.start(command);
    }
}
