package org.rdump.integrity.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into lines at {@code '\n'} with its own buffer, mapping each byte to one
 * char (ISO-8859-1) so that no byte is altered. A final line without {@code '\n'} is returned too;
 * {@link #lastLineTerminated()} tells whether it had one. Not thread-safe.
 *
 * @since 0.1
 */
public final class LineReader implements LineSource {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long line;
    private boolean terminated = true;

    /** @param in the stream; never null; closed by {@link #close()} */
    public LineReader(InputStream in) {
        this.in = in;
    }

    @Override
    public @Nullable String nextLine() throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    String s = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    line++;
                    return s;
                }
            }
            int scanned = limit - pos;
            if (eof || !fill()) {
                if (pos == limit) {
                    return null;
                }
                String s = new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1);
                pos = limit;
                line++;
                terminated = false;
                return s;
            }
            scan = pos + scanned;
        }
    }

    /** Reads more bytes, compacting or growing the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        } else if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public long lineNumber() {
        return line;
    }

    /** False when the last line returned had no terminating {@code '\n'}. */
    public boolean lastLineTerminated() {
        return terminated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
