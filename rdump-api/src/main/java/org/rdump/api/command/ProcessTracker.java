package org.rdump.api.command;

/**
 * Told about every child process a {@link CommandRunner} starts, so that a run's journal can stop
 * them after the run was killed (see {@link org.rdump.api.UndoAction.Stop}). Implemented by core;
 * thread-safe.
 *
 * @since 0.2
 */
public interface ProcessTracker {

    /**
     * A child process is about to run {@code command} (it has started; it has not been waited
     * for). Must return quickly.
     *
     * @param process the child process; never null
     * @param command what it runs; never null
     * @return called once when the process has ended and been reaped
     */
    Runnable started(ProcessHandle process, Command command);
}
