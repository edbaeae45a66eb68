package org.rdump.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.rdump.api.LockHeldException;
import org.rdump.api.RdumpException;

/**
 * The exclusive lock that keeps runs of one configuration one at a time: an OS file lock
 * ({@code fcntl} through {@link FileChannel#tryLock()}) on a lock file that holds the holder's
 * pid, host and start time.
 *
 * <p>Staleness is decided by the kernel, not by guessing from the pid: the lock dies with the
 * process that held it, so a lock file left by a crashed run is simply taken over (and the
 * takeover logged with the dead holder's details). The file itself is left in place on release:
 * deleting it would let a third process lock a fresh file while a second still waits on the old
 * one.
 */
public final class RunLock implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("rdump.lock");
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @param what what is locked, for messages (the config file)
     * @throws LockHeldException naming the holder when another run holds it
     */
    public static RunLock acquire(Path file, String what) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String holder = readHolder(ch).orElse("an unknown process");
                ch.close();
                throw new LockHeldException("another rdump run holds the lock of " + what + " (" + holder + "); lock file "
                        + file + ". Wait for that run to finish; the lock is released when its process ends.");
            }
            readHolder(ch).ifPresent(old -> LOG.log(System.Logger.Level.INFO,
                    "taking over a stale lock " + file + " left by " + old + " (that process no longer holds it)"));
            ProcessHandle self = ProcessHandle.current();
            String text = "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now())
                    + ", host " + host() + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new RunLock(file, ch, lock);
        } catch (IOException e) {
            throw new RdumpException("cannot create the lock file " + file + ": " + e.getMessage()
                    + "; set 'lock:' in the config to a writable path", e);
        }
    }

    private static Optional<String> readHolder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n = ch.read(buf, 0);
        if (n <= 0) {
            return Optional.empty();
        }
        String s = new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "releasing " + file + ": " + e.getMessage());
        }
    }
}
