package org.rdump.api;

/**
 * Another rdump run holds the lock of this configuration.
 *
 * @since 0.1
 */
public class LockHeldException extends RdumpException {
    private static final long serialVersionUID = 1L;

    public LockHeldException(String message) {
        super(message);
    }
}
