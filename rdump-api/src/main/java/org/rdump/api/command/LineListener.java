package org.rdump.api.command;

/**
 * Receives a running program's output line by line (progress from {@code borg --log-json},
 * {@code rsync --info=progress2}). Called from a reader thread; must be quick and not throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LineListener {
    /** A listener that ignores every line. */
    LineListener NONE = line -> { };

    /**
     * Receives one line of output.
     *
     * @param line the line, decoded as UTF-8, without its line end; never null
     */
    void onLine(String line);
}
