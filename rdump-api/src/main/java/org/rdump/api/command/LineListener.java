package org.rdump.api.command;

/**
 * Receives a running program's output line by line (progress from {@code borg --log-json},
 * {@code rsync --info=progress2}). Called from a reader thread; must be quick and not throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LineListener {
    LineListener NONE = line -> { };

    void onLine(String line);
}
