package org.rdump.integrity.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads (decompresses) the source on a helper thread, up to four 256 KiB buffers ahead of the
 * reader: inflating a 1,000,000-file weave then runs beside the parse and merge instead of inside
 * them (benchmarks/RESULTS.md). An error of the source is thrown by the read that reaches it.
 * {@link #close} stops the helper and closes the source. Not thread-safe (one reader).
 */
final class ReadAheadInputStream extends InputStream {
    private static final int BUFFER = 256 * 1024;

    /** A chunk: data, or the end (data null) with the error that ended it, if any. */
    private record Chunk(byte @Nullable [] data, int length, @Nullable IOException error) {
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(4);
    private final Thread helper;
    private volatile boolean stop;
    private @Nullable Chunk current;
    private int pos;
    private boolean ended;
    private @Nullable IOException endError;

    ReadAheadInputStream(InputStream source, String name) {
        this.source = source;
        this.helper = new Thread(this::fill, name);
        helper.setDaemon(true);
        helper.start();
    }

    private void fill() {
        try {
            while (!stop) {
                byte[] b = new byte[BUFFER];
                int n = 0;
                while (n < b.length) {
                    int r = source.read(b, n, b.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                if (n > 0) {
                    offer(new Chunk(b, n, null));
                }
                if (n < b.length) {
                    offer(new Chunk(null, 0, null));
                    return;
                }
            }
        } catch (IOException e) {
            offerQuietly(new Chunk(null, 0, e));
        } catch (RuntimeException | Error e) {
            offerQuietly(new Chunk(null, 0, new IOException(e.toString(), e)));
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void offer(Chunk c) throws InterruptedException {
        while (!stop && !chunks.offer(c, 100, TimeUnit.MILLISECONDS)) {
            // wait for the reader
        }
    }

    private void offerQuietly(Chunk c) {
        try {
            offer(c);
        } catch (InterruptedException ignored) {
            // closed
        }
    }

    /** @return false at the end */
    private boolean next() throws IOException {
        Chunk c = current;
        if (c != null && pos < c.length()) {
            return true;
        }
        if (ended) {
            if (endError != null) {
                throw endError;
            }
            return false;
        }
        try {
            c = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (c.data() == null) {
            ended = true;
            endError = c.error();
            current = null;
            if (endError != null) {
                throw endError;
            }
            return false;
        }
        current = c;
        pos = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!next()) {
            return -1;
        }
        Chunk c = current;
        return c.data()[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        Chunk c = current;
        int n = Math.min(len, c.length() - pos);
        System.arraycopy(c.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        stop = true;
        helper.interrupt();
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
