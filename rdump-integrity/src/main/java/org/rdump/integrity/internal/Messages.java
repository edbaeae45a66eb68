package org.rdump.integrity.internal;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * Text of a cause for a message that goes on to a user: never {@code "null"}. Internal to
 * rdump-integrity (public only for its packages and rdump-cli's {@code sure} command).
 *
 * @since 0.1
 */
public final class Messages {
    private Messages() {}

    /**
     * @param e the cause; never null
     * @return its message; its class name when it has none (a bare {@code EOFException}); for a
     *     file-system exception, whose message is often just the path, class, file and reason
     *     ({@code java.nio.file.NoSuchFileException: /x}); for an {@link UncheckedIOException}, its
     *     cause's text
     */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getName();
        }
        return e instanceof FileSystemException ? e.toString() : m;
    }
}
