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

    /**
     * Runs every external program, as an argument vector, never through a shell; in a dry run it
     * records instead of running (and {@link CommandRunner#executes()} is false).
     *
     * @return the runner; never null
     */
    CommandRunner runner();

    /**
     * Runs commands that only read state (listings such as {@code zfs list}, feature probes). Unlike
     * {@link #runner()}, it really runs them in a dry run, so that a dry run plans from the real
     * state (which snapshots exist, what a replication would send). A step must never change
     * anything through it. The default is {@link #runner()}.
     *
     * @return the runner for read-only commands; never null
     * @since 0.1
     */
    default CommandRunner queryRunner() {
        return runner();
    }

    /**
     * The clock to read times from, instead of the system's (tests use a fixed one).
     *
     * @return the clock; never null
     */
    Clock clock();

    /**
     * Whether this is a dry run, in which nothing may change: steps describe their work (through
     * the recording {@link #runner()} and {@link RunEvent.DryRun} events) instead of doing it.
     *
     * @return true in a dry run
     */
    boolean dryRun();

    /**
     * Receives the run's progress, warnings and report lines.
     *
     * @return the listener; never null
     */
    RunListener listener();

    /**
     * The run's timestamp, shared by every volume of the run, in UTC as {@code yyyyMMdd'T'HHmmss'Z'}
     * (used in archive and snapshot names).
     *
     * @return the stamp, e.g. {@code 20261202T001741Z}; never null
     */
    String runStamp();

    /**
     * A private scratch directory for this run, deleted when the run ends. It may not exist yet:
     * create what you need under it.
     *
     * @return the directory; never null
     */
    Path scratchDirectory();

    /**
     * The run's journal of what exists: record an {@link Undo} before creating anything that
     * outlives a step. The default records nothing (contexts outside a run).
     *
     * @return the journal; never null
     * @since 0.2
     */
    default UndoLog undo() {
        return UndoLog.NONE;
    }

    /**
     * A logger for the given component, through SLF4J: the command line prints it as
     * {@code rdump: LEVEL: message} ({@code -v} info, {@code -vv} debug), an embedding
     * application's own backend receives it. Never log a secret.
     *
     * @param name the component, e.g. {@code rdump.zfs}; never null
     * @return the logger; never null
     * @since 0.2 (an SLF4J {@code Logger}; before, rdump's own)
     */
    Logger logger(String name);
}
