package org.rdump.core.restore;

import org.rdump.api.RunContext;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.ForwardingRunContext;

/**
 * A run's context for read-only listings: its {@link #runner()} is the query runner, so that a
 * dry run lists what really is there.
 */
final class Listing extends ForwardingRunContext {
    private Listing(RunContext run) {
        super(run);
    }

    static RunContext of(RunContext context) {
        return context.dryRun() ? new Listing(context) : context;
    }

    @Override
    public CommandRunner runner() {
        return delegate().queryRunner();
    }
}
