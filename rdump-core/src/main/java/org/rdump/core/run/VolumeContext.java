package org.rdump.core.run;

import java.nio.file.Path;
import java.time.Clock;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;

/**
 * A run context whose listener names {@code volume} in every progress, warning and report event,
 * for the steps that hand a tree to a library that knows only the tree (an
 * {@link org.rdump.api.IntegrityStore} names the path it scans): in every event, {@code volume}
 * is the volume's name.
 */
public final class VolumeContext implements RunContext {
    private final RunContext context;
    private final RunListener listener;

    private VolumeContext(RunContext context, String volume) {
        this.context = context;
        this.listener = RunListener.naming(volume, context.listener());
    }

    /** {@code context}, its events naming {@code volume}. */
    public static RunContext of(RunContext context, String volume) {
        return new VolumeContext(context, volume);
    }

    @Override
    public CommandRunner runner() {
        return context.runner();
    }

    @Override
    public CommandRunner queryRunner() {
        return context.queryRunner();
    }

    @Override
    public Clock clock() {
        return context.clock();
    }

    @Override
    public boolean dryRun() {
        return context.dryRun();
    }

    @Override
    public RunListener listener() {
        return listener;
    }

    @Override
    public String runStamp() {
        return context.runStamp();
    }

    @Override
    public Path scratchDirectory() {
        return context.scratchDirectory();
    }

    @Override
    public UndoLog undo() {
        return context.undo();
    }

    @Override
    public Logger logger(String name) {
        return context.logger(name);
    }
}
