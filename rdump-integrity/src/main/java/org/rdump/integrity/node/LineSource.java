package org.rdump.integrity.node;

import java.io.Closeable;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A source of text lines (without their {@code '\n'}), each byte mapped to one char (ISO-8859-1),
 * so that lines keep their exact bytes. Not thread-safe.
 *
 * @since 0.1
 */
public interface LineSource extends Closeable {
    /** @return the next line without its newline, or null at the end */
    @Nullable String nextLine() throws IOException;

    /** The 1-based number, in the underlying file, of the line last returned (0 before the first). */
    long lineNumber();
}
