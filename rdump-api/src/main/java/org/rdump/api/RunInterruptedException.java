package org.rdump.api;

/**
 * A run was interrupted (SIGINT, SIGTERM or thread interrupt); everything it set up has been
 * cleaned up, as far as the cleanups succeeded.
 *
 * @since 0.1
 */
public class RunInterruptedException extends RdumpException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception saying what was interrupted, and by what.
     *
     * @param message e.g. {@code interrupted by SIGTERM during step 3 of 7}; never null
     */
    public RunInterruptedException(String message) {
        super(message);
    }
}
