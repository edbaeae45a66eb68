package org.rdump.core.snapshots;

import org.rdump.api.RunContext;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.ForwardingRunContext;

/**
 * A run's context whose runner is its read-only {@link RunContext#queryRunner() query runner},
 * for asking a provider what exists ({@link org.rdump.api.SnapshotProvider#list}) in a pre-flight
 * check, also in a dry run. Nothing is journaled through it.
 */
final class QueryContext extends ForwardingRunContext {
    QueryContext(RunContext run) {
        super(run);
    }

    @Override
    public CommandRunner runner() {
        return delegate().queryRunner();
    }

    @Override
    public UndoLog undo() {
        return UndoLog.NONE;
    }
}
