package org.rdump.integrity.weave;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Hands what is written to a helper thread that writes it to the target stream (a compressor):
 * on a no-change update of 1,000,000 files deflate costs about 2 s of CPU, which then runs beside
 * the scan and the merge instead of after them (benchmarks/RESULTS.md). Buffers of 256 KiB, at
 * most four queued, so memory stays bounded. An error of the target is reported by the next
 * {@link #write} or by {@link #close}; {@link #close} waits for the helper, then closes the
 * target on the calling thread. Not thread-safe (one writer).
 */
final class BackgroundOutputStream extends OutputStream {
    private static final int BUFFER = 256 * 1024;
    private static final byte[] END = new byte[0];

    private final OutputStream target;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
    private final Thread helper;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private volatile @Nullable Throwable failure;
    private boolean closed;

    BackgroundOutputStream(OutputStream target, String name) {
        this.target = target;
        this.helper = new Thread(this::drain, name);
        helper.setDaemon(true);
        helper.start();
    }

    private void drain() {
        try {
            while (true) {
                byte[] b = full.take();
                if (b == END) {
                    return;
                }
                target.write(b, 0, b.length);
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("interrupted while compressing");
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            full.clear(); // unblock the writer; it sees the failure on its next call
        }
    }

    private void check() throws IOException {
        Throwable f = failure;
        if (f instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (f != null) {
            throw new IOException(f.toString(), f);
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == buf.length) {
            hand();
        }
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == buf.length) {
                hand();
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private void hand() throws IOException {
        check();
        put(pos == buf.length ? buf : Arrays.copyOf(buf, pos));
        buf = new byte[BUFFER];
        pos = 0;
    }

    private void put(byte[] b) throws IOException {
        try {
            while (!full.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                check();
                if (!helper.isAlive()) {
                    throw new IOException("the compressing thread has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
    }

    /** Waits until everything written so far has reached the target (the target is not flushed). */
    @Override
    public void flush() throws IOException {
        // the weave is written in one go and closed; a flush in between only hands the buffer on
        if (pos > 0) {
            hand();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                if (pos > 0) {
                    hand();
                }
                put(END);
            } else {
                helper.interrupt();
            }
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing");
            }
            check();
        } finally {
            target.close();
        }
    }
}
