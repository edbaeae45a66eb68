package org.rdump.core.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RunContext} core hands to steps. Immutable; thread-safe as its parts are.
 */
public record DefaultRunContext(CommandRunner runner, CommandRunner queryRunner, Clock clock, boolean dryRun,
                                RunListener listener, String runStamp, Path scratchDirectory, UndoLog undo)
        implements RunContext {
    /** The run stamp format, UTC: {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public DefaultRunContext {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(queryRunner, "queryRunner");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(runStamp, "runStamp");
        Objects.requireNonNull(scratchDirectory, "scratchDirectory");
        Objects.requireNonNull(undo, "undo");
    }

    /** A context that journals nothing (dry runs, tests). */
    public DefaultRunContext(CommandRunner runner, CommandRunner queryRunner, Clock clock, boolean dryRun,
                             RunListener listener, String runStamp, Path scratchDirectory) {
        this(runner, queryRunner, clock, dryRun, listener, runStamp, scratchDirectory, UndoLog.NONE);
    }

    /** A context whose queries go through the same runner as everything else. */
    public DefaultRunContext(CommandRunner runner, Clock clock, boolean dryRun, RunListener listener, String runStamp,
                             Path scratchDirectory) {
        this(runner, runner, clock, dryRun, listener, runStamp, scratchDirectory, UndoLog.NONE);
    }

    /** The stamp for the clock's current instant. */
    public static String stampOf(Clock clock) {
        return STAMP.format(clock.instant());
    }

    @Override
    public Logger logger(String name) {
        return LoggerFactory.getLogger(name);
    }
}
