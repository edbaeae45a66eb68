package org.rdump.integrity.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into lines at {@code '\n'} with its own buffer, mapping each byte to one
 * char (ISO-8859-1) so that no byte is altered. A final line without {@code '\n'} is returned too;
 * {@link #lastLineTerminated()} tells whether it had one. A line longer than the limit (by default
 * {@link #MAX_LINE}) throws {@link LineTooLongException} instead of growing the buffer without end.
 * Not thread-safe.
 *
 * @since 0.1
 */
public final class LineReader implements LineSource {
    /**
     * The longest node line accepted by default, 1 MiB. The longest legal asure-2.0 line is a
     * symlink whose 4096-byte target has every byte escaped (12,288 characters) plus a 255-byte
     * name escaped (765) and its other attributes (well under 300): about 13 KiB. A weave header,
     * which grows with every version, is read with a larger limit.
     */
    public static final int MAX_LINE = 1 << 20;

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
        return nextLine(MAX_LINE);
    }

    /**
     * As {@link #nextLine()} with another length limit.
     *
     * @param maxLength the longest line accepted, in bytes, without its newline
     * @throws LineTooLongException when the line is longer
     */
    public @Nullable String nextLine(int maxLength) throws IOException {
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
            if (scanned > maxLength) {
                throw new LineTooLongException(line + 1, maxLength);
            }
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
