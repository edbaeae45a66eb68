package org.rdump.core.command;

import java.util.List;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.RunningCommand;
import org.rdump.api.support.RecordingCommandRunner;

/**
 * Runs nothing: shows each command as a {@link RunEvent.DryRun} line ({@code $ argv...},
 * shell-quoted, environment names only) and answers success with empty output.
 */
public final class DryRunCommandRunner implements CommandRunner {
    private final RecordingCommandRunner recorder = new RecordingCommandRunner();
    private final RunListener listener;

    public DryRunCommandRunner(RunListener listener) {
        this.listener = listener;
    }

    @Override
    public CommandResult run(Command command, LineListener stdout, LineListener stderr) {
        listener.onEvent(dryRun(command));
        return recorder.run(command, stdout, stderr);
    }

    @Override
    public RunningCommand start(Command command) {
        listener.onEvent(dryRun(command));
        return recorder.start(command);
    }

    private static RunEvent.DryRun dryRun(Command command) {
        return new RunEvent.DryRun("      $ " + command.display(), command.argv(),
                command.environment().keySet().stream().sorted().toList());
    }

    @Override
    public boolean executes() {
        return false;
    }

    /** Every command shown so far, in order. */
    public List<Command> commands() {
        return recorder.commands();
    }
}
