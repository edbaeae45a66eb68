package org.rdump.integrity.node;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an asure-2.0 node stream: the header on construction, one line per {@link #write}. The
 * structure is checked as it is written; {@link #close()} fails when the root directory was not
 * closed. Output is buffered. Not thread-safe.
 *
 * @since 0.1
 */
public final class NodeWriter implements NodeSink, Closeable {
    private final OutputStream out;
    private final StructureChecker checker = new StructureChecker();
    private byte[] scratch = new byte[256];
    private boolean closed;

    /**
     * @param out the stream; never null; closed by {@link #close()}
     * @throws IOException when the header cannot be written
     */
    public NodeWriter(OutputStream out) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        writeLine(NodeReader.HEADER);
        writeLine(NodeReader.HEADER2);
    }

    /**
     * @param node the next node; never null
     * @throws IllegalStateException when the node does not fit the structure (the message says why)
     */
    @Override
    public void write(Node node) throws IOException {
        String problem = checker.accept(node);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        writeLine(node.line());
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for one-byte chars
    private void writeLine(String s) throws IOException {
        int n = s.length();
        if (scratch.length < n + 1) {
            scratch = new byte[Math.max(n + 1, scratch.length * 2)];
        }
        s.getBytes(0, n, scratch, 0);
        scratch[n] = '\n';
        out.write(scratch, 0, n + 1);
    }

    /** Flushes and closes the stream; fails when the root directory was not closed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush();
        } finally {
            out.close();
        }
        String problem = checker.end();
        if (problem != null) {
            throw new IllegalStateException("incomplete node stream: " + problem);
        }
    }
}
