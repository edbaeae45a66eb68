package org.rdump.api;

import java.nio.file.Path;
import java.time.Clock;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;

/**
 * What a {@link Step} (and the SPIs it calls) runs with: the command runner, the clock, the
 * dry-run flag, the event listener and a logger. Implemented by core; thread-safe.
 *
 * @since 0.1
 */
public interface RunContext {

    /** Runs every external program; in a dry run it records instead of running. */
    CommandRunner runner();

    /**
     * Runs commands that only read state (listings such as {@code zfs list}, feature probes). Unlike
     * {@link #runner()}, it really runs them in a dry run, so that a dry run plans from the real
     * state (which snapshots exist, what a replication would send). A step must never change
     * anything through it. The default is {@link #runner()}.
     *
     * @since 0.1
     */
    default CommandRunner queryRunner() {
        return runner();
    }

    /** The clock to read times from (tests use a fixed one). */
    Clock clock();

    /** True when nothing may change: steps describe their work instead of doing it. */
    boolean dryRun();

    /** Receives progress and warnings; never null. */
    RunListener listener();

    /**
     * The run's timestamp, shared by every volume of the run, in UTC as {@code yyyyMMdd'T'HHmmss'Z'}
     * (used in archive and snapshot names).
     */
    String runStamp();

    /** A private scratch directory for this run, deleted when the run ends. */
    Path scratchDirectory();

    /**
     * The run's journal of what exists: record an {@link Undo} before creating anything that
     * outlives a step. The default records nothing (contexts outside a run).
     *
     * @since 0.2
     */
    default UndoLog undo() {
        return UndoLog.NONE;
    }

    /** A logger for the given component (e.g. {@code rdump.zfs}). */
    Logger logger(String name);
}
