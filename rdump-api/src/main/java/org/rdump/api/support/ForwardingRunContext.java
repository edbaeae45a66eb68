package org.rdump.api.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;

/**
 * A {@link RunContext} that forwards every method to another; a subclass overrides what it
 * changes (the runner of a read-only listing, the undo log of a probe, ...). Thread-safe when the
 * delegate is.
 *
 * @since 0.5
 */
public abstract class ForwardingRunContext implements RunContext {
    private final RunContext delegate;

    /**
     * A context that forwards every method to {@code delegate}; subclasses override some.
     *
     * @param delegate the context to forward to; never null
     */
    protected ForwardingRunContext(RunContext delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * {@code context} with {@code listener} instead of its own (made once, not per event).
     *
     * @param context the context to forward to; never null
     * @param listener the listener that receives the events instead; never null
     * @return the forwarding context; never null
     */
    public static RunContext withListener(RunContext context, RunListener listener) {
        Objects.requireNonNull(listener, "listener");
        return new ForwardingRunContext(context) {
            @Override
            public RunListener listener() {
                return listener;
            }
        };
    }

    /**
     * The context this one forwards to.
     *
     * @return the delegate; never null
     */
    protected final RunContext delegate() {
        return delegate;
    }

    @Override
    public CommandRunner runner() {
        return delegate.runner();
    }

    @Override
    public CommandRunner queryRunner() {
        return delegate.queryRunner();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public boolean dryRun() {
        return delegate.dryRun();
    }

    @Override
    public RunListener listener() {
        return delegate.listener();
    }

    @Override
    public String runStamp() {
        return delegate.runStamp();
    }

    @Override
    public Path scratchDirectory() {
        return delegate.scratchDirectory();
    }

    @Override
    public UndoLog undo() {
        return delegate.undo();
    }

    @Override
    public Logger logger(String name) {
        return delegate.logger(name);
    }
}
