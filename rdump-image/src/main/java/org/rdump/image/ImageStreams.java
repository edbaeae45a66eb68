package org.rdump.image;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.support.Sha256;

/**
 * Reads a device into a zstd stream and a zstd stream back out, hashing both sides with SHA-256
 * as the bytes pass. Each loop checks for an interrupt between blocks.
 */
final class ImageStreams {
    private static final int BLOCK = 1 << 20;
    private static final int SPARSE_BLOCK = 64 << 10;

    private ImageStreams() {
    }

    /** What one pass read and wrote. */
    record Pass(ImageFiles.Checksums sums, long rawBytes, long compressedBytes) {
    }

    /**
     * Compresses all of {@code device} into {@code out} (created or truncated) and forces it to
     * disk.
     */
    static Pass compress(Path device, Path out, int level, int workers) throws IOException {
        MessageDigest raw = sha256();
        MessageDigest compressed = sha256();
        long rawBytes = 0;
        try (FileChannel in = FileChannel.open(device, StandardOpenOption.READ);
             FileChannel file = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            CountingStream counted = new CountingStream(new DigestOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(file), BLOCK), compressed));
            try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(counted, level)) {
                if (workers > 0) {
                    z.setWorkers(workers);
                }
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                while (true) {
                    checkInterrupt();
                    buf.clear();
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    raw.update(buf.array(), 0, n);
                    z.write(buf.array(), 0, n);
                    rawBytes += n;
                }
            }
            file.force(true);
            return new Pass(new ImageFiles.Checksums(hex(compressed), hex(raw)), rawBytes, counted.count);
        }
    }

    /**
     * Decompresses {@code image} into {@code out} (when not null), hashing both sides; with
     * {@code out} null only checks. {@code sparse}: {@code out} is a new regular file and runs of
     * zeros are skipped (a hole), else every byte is written (a block device).
     */
    static Pass decompress(Path image, @Nullable Path out, boolean sparse) throws IOException {
        MessageDigest raw = sha256();
        MessageDigest compressed = sha256();
        long rawBytes = 0;
        long compressedBytes;
        try (InputStream file = Channels.newInputStream(FileChannel.open(image, StandardOpenOption.READ));
             DigestInputStream hashed = new DigestInputStream(new BufferedInputStream(file, BLOCK), compressed);
             ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(hashed);
             FileChannel to = out == null ? null : sparse
                     ? FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)
                     : FileChannel.open(out, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[SPARSE_BLOCK];
            while (true) {
                checkInterrupt();
                int n = z.readNBytes(buf, 0, buf.length);
                if (n <= 0) {
                    break;
                }
                raw.update(buf, 0, n);
                if (to != null) {
                    if (sparse && zeros(buf, n)) {
                        to.position(to.position() + n);
                    } else {
                        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                        while (b.hasRemaining()) {
                            to.write(b);
                        }
                    }
                }
                rawBytes += n;
            }
            // hash what zstd did not need to read (nothing, for a file rdump wrote)
            byte[] rest = new byte[8192];
            while (hashed.read(rest) > 0) {
                checkInterrupt();
            }
            compressedBytes = image.toFile().length();
            if (to != null) {
                if (sparse) {
                    to.truncate(rawBytes);
                    if (to.size() < rawBytes) {
                        to.position(rawBytes - 1);
                        to.write(ByteBuffer.wrap(new byte[1]));
                    }
                }
                to.force(true);
            }
        }
        return new Pass(new ImageFiles.Checksums(hex(compressed), hex(raw)), rawBytes, compressedBytes);
    }

    private static boolean zeros(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunInterruptedException("interrupted while copying an image");
        }
    }

    private static MessageDigest sha256() {
        return Sha256.newDigest();
    }

    private static String hex(MessageDigest d) {
        return Sha256.hex(d);
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        /** Flushes only: the caller forces and closes the file. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
