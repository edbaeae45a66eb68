package org.rdump.integrity.node;

import java.io.Closeable;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A stream of nodes in tree-walk order (RSURE-FORMAT.md §1). Not thread-safe.
 *
 * @since 0.1
 */
public interface NodeSource extends Closeable {
    /**
     * @return the next node, or null at the end of the stream
     * @throws IOException on an I/O error; malformed input throws {@link org.rdump.api.IntegrityException}
     */
    @Nullable Node next() throws IOException;
}
