package org.rdump.core.restore;

import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.ForwardingRunContext;

/**
 * A dry run's context for work that writes only into scratch (the staged restore a dry run of
 * {@code --in-place} makes to list what would change): commands run for real through the query
 * runner, each shown as a dry-run line first, and {@link #dryRun()} is false so that the tool
 * really restores. Never given to anything that writes outside scratch.
 */
final class ScratchRun extends ForwardingRunContext {
    ScratchRun(RunContext run) {
        super(run);
    }

    @Override
    public CommandRunner runner() {
        CommandRunner real = delegate().queryRunner();
        RunListener listener = delegate().listener();
        return new CommandRunner() {
            @Override
            public org.rdump.api.command.CommandResult run(org.rdump.api.command.Command command,
                    org.rdump.api.command.LineListener stdout, org.rdump.api.command.LineListener stderr) {
                listener.onEvent(new org.rdump.api.RunEvent.DryRun("      $ " + command.display()));
                return real.run(command, stdout, stderr);
            }

            @Override
            public org.rdump.api.command.RunningCommand start(org.rdump.api.command.Command command) {
                listener.onEvent(new org.rdump.api.RunEvent.DryRun("      $ " + command.display()));
                return real.start(command);
            }

            @Override
            public java.util.Optional<String> searchPath() {
                return real.searchPath();
            }
        };
    }

    @Override
    public boolean dryRun() {
        return false;
    }
}
