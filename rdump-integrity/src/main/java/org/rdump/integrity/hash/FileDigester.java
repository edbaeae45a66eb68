package org.rdump.integrity.hash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes the SHA-1 of one file at a time; one instance per worker thread, reusing its digest
 * and its read buffer (no per-file buffer allocation). Not thread-safe.
 *
 * <p>Files are opened without {@code O_NOATIME}: JDK 17 offers no such open option
 * ({@code com.sun.nio.file.ExtendedOpenOption} has only the Windows sharing modes and
 * {@code DIRECT}), so reading a file may update its atime (relatime mounts limit that to once a
 * day). rsure opens with {@code O_NOATIME}.
 */
final class FileDigester {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final MessageDigest sha1;
    private final ByteBuffer buffer;
    private final byte[] array;
    private final long mmapThreshold;
    private final int mapChunk;
    private long bytesRead;
    /** Tests only: runs after a window is mapped, before it is read (to shrink the file). */
    static volatile java.util.function.@org.jspecify.annotations.Nullable Consumer<Path> afterMapForTests;

    FileDigester(HashOptions options) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        // A heap buffer: MessageDigest hashes its array in place, while a direct buffer would
        // be copied 4 KiB at a time into a temporary array. FileChannel reads into a heap
        // buffer through the JDK's cached per-thread direct buffer (one memcpy).
        array = new byte[options.bufferSize()];
        buffer = ByteBuffer.wrap(array);
        mmapThreshold = options.mmapThreshold();
        mapChunk = options.mapChunk();
    }

    /** The bytes read by the last {@link #digest} call (the file may have changed size). */
    long bytesRead() {
        return bytesRead;
    }

    /**
     * The lower-case hex SHA-1 of the file's content, read to its end.
     *
     * @param size the size seen by the scan, which picks the reading method
     */
    String digest(Path file, long size) throws IOException {
        sha1.reset();
        bytesRead = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (size >= mmapThreshold) {
                mapped(file, ch);
            } else {
                read(ch, size);
            }
        }
        return hex(sha1.digest());
    }

    /**
     * Reads to the end. A short read that completes the size seen by the scan is taken as the end
     * (POSIX: a short read of a regular file means end of file at that moment), which saves the
     * extra {@code read} that would return 0, a quarter of the system calls for a small file.
     * A file shorter than expected is read until {@code read} says end of file.
     */
    private void read(FileChannel ch, long expected) throws IOException {
        while (true) {
            buffer.clear();
            int n = ch.read(buffer);
            if (n < 0) {
                return;
            }
            sha1.update(array, 0, n);
            bytesRead += n;
            if (n < array.length && bytesRead >= expected) {
                return;
            }
        }
    }

    private void mapped(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        while (pos < size) {
            long len = Math.min(mapChunk, size - pos);
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, pos, len);
            var hook = afterMapForTests;
            if (hook != null) {
                hook.accept(file);
            }
            try {
                sha1.update(m);
            } catch (InternalError e) {
                // the JVM turns the SIGBUS of a mapping past a file truncated meanwhile into this
                throw new IOException(file + ": the file shrank while it was read", e);
            } finally {
                Unmapper.unmap(m);
            }
            pos += len;
            bytesRead += len;
        }
        // the file may have grown since; a mapping past the end would fault, so read the rest
        ch.position(pos);
        read(ch, 0);
    }

    static String hex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
