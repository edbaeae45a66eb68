package org.rdump.api.command;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A started program whose standard streams the caller drives itself, e.g. the two ends of a
 * {@code zfs send | zfs receive} pipe that rdump copies in Java. Standard error is captured
 * by the runner. Used from one thread at a time.
 *
 * @since 0.1
 */
public interface RunningCommand extends AutoCloseable {

    /**
     * The program's standard output.
     *
     * @return the stream to read; never null
     */
    InputStream stdout();

    /**
     * The program's standard input; close it to send end-of-file.
     *
     * @return the stream to write; never null
     */
    OutputStream stdin();

    /**
     * Waits for the program to end.
     *
     * @return the result, whose exit code the command accepts; never null
     * @throws CommandFailedException when the exit code is not accepted
     */
    CommandResult await();

    /** Kills the program and its children. Idempotent. */
    void kill();

    /** Kills the program if it still runs. */
    @Override
    void close();
}
