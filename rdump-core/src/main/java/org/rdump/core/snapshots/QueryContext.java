package org.rdump.core.snapshots;

import java.nio.file.Path;
import java.time.Clock;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;

/**
 * A run's context whose runner is its read-only {@link RunContext#queryRunner() query runner},
 * for asking a provider what exists ({@link org.rdump.api.SnapshotProvider#list}) in a pre-flight
 * check, also in a dry run. Nothing is journaled through it.
 */
final class QueryContext implements RunContext {
    private final RunContext run;

    QueryContext(RunContext run) {
        this.run = run;
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
        return UndoLog.NONE;
    }

    @Override
    public Logger logger(String name) {
        return run.logger(name);
    }
}
