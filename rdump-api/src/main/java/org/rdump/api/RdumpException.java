package org.rdump.api;

import org.jspecify.annotations.Nullable;
import org.rdump.api.command.Secrets;

/**
 * The root of every exception rdump and its plugins throw for a condition a user can act on.
 *
 * <p>The message says what failed, on what, and what to do next; the command line prints it
 * without a stack trace. Programming errors stay plain JDK exceptions.
 *
 * @since 0.1
 */
public class RdumpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message for the user.
     *
     * @param message what failed, on what, and what to do next; never null
     */
    public RdumpException(String message) {
        super(message);
    }

    /**
     * An exception caused by another, e.g. an {@code IOException} wrapped at the SPI boundary.
     *
     * @param message what failed, on what, and what to do next; never null
     * @param cause the underlying error; may be null
     */
    public RdumpException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * The message, with every configured secret masked ({@link Secrets#redact}), whatever put it there.
     *
     * @return the masked message
     */
    @Override
    public String getMessage() {
        return Secrets.redact(super.getMessage());
    }
}
