package org.rdump.api;

/**
 * Receives the events of a run. Called from the thread that raised the event (the hashing
 * engine raises progress from worker threads), so implementations must be thread-safe and
 * quick. A listener must not throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = event -> { };

    void onEvent(RunEvent event);
}
