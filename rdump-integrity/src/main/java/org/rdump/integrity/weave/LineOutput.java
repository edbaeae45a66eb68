package org.rdump.integrity.weave;

import java.io.IOException;
import java.io.OutputStream;

/** Writes ISO-8859-1 lines (one byte per char) with {@code '\n'}; buffers itself. */
final class LineOutput {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    LineOutput(OutputStream out) {
        this.out = out;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for one-byte chars
    void line(String s) throws IOException {
        int n = s.length();
        if (n + 1 > buf.length - pos) {
            flushBuffer();
            if (n + 1 > buf.length) {
                byte[] big = new byte[n + 1];
                s.getBytes(0, n, big, 0);
                big[n] = '\n';
                out.write(big);
                return;
            }
        }
        s.getBytes(0, n, buf, pos);
        pos += n;
        buf[pos++] = '\n';
    }

    void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
