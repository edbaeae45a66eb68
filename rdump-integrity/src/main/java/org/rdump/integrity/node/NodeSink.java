package org.rdump.integrity.node;

import java.io.IOException;

/**
 * Receives the nodes of a version in stream order (the tree walk): a {@link NodeWriter} writing a
 * plain asure-2.0 stream, or a weave merge weaving them into a manifest as they arrive.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface NodeSink {
    /**
     * @param node the next node; never null
     * @throws IOException when the output fails
     * @throws IllegalStateException when the node does not fit the stream's structure
     */
    void write(Node node) throws IOException;
}
