package org.rdump.api;

/**
 * Another rdump run holds the lock of this configuration.
 *
 * @since 0.1
 */
public class LockHeldException extends RdumpException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception saying which run holds the lock.
     *
     * @param message the lock file and the holder (pid, start time) as far as known; never null
     */
    public LockHeldException(String message) {
        super(message);
    }
}
