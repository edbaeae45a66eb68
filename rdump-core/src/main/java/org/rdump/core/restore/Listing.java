package org.rdump.core.restore;

import java.nio.file.Path;
import java.time.Clock;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;

/**
 * A run's context for read-only listings: its {@link #runner()} is the query runner, so that a
 * dry run lists what really is there.
 */
record Listing(RunContext run) implements RunContext {
    static RunContext of(RunContext context) {
        return context.dryRun() ? new Listing(context) : context;
    }

    @Override
    public CommandRunner runner() {
        return run.queryRunner();
    }

    @Override
    public CommandRunner queryRunner() {
        return run.queryRunner();
    }

    @Override
    public Clock clock() {
        return run.clock();
    }

    @Override
    public boolean dryRun() {
        return run.dryRun();
    }

    @Override
    public RunListener listener() {
        return run.listener();
    }

    @Override
    public String runStamp() {
        return run.runStamp();
    }

    @Override
    public Path scratchDirectory() {
        return run.scratchDirectory();
    }

    @Override
    public UndoLog undo() {
        return run.undo();
    }

    @Override
    public Logger logger(String name) {
        return run.logger(name);
    }
}
