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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdump.api.LockHeldException;
import org.rdump.api.RdumpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exclusive lock file: an OS file lock ({@code fcntl} through {@link FileChannel#tryLock()})
 * on a file that holds the holder's pid, start time, host and configuration, one line:
 * {@code pid 4711, started 2024-05-01T02:00:00Z, host backup1, config /etc/rdump/rdump.yaml}.
 * {@link RunLocks} combines several of them into the locks of one run.
 *
 * <p>Staleness is decided by the kernel, not by guessing from the pid: the lock dies with the
 * process that held it, so a lock file left by a crashed run is simply taken over (and the
 * takeover logged with the dead holder's details). The file itself is left in place on release:
 * deleting it would let a third process lock a fresh file while a second still waits on the old
 * one. Only ever tried, never waited for.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.lock");
    private static final Pattern HOLDER = Pattern.compile(
            "pid (\\d+), started (\\S+), host (.*?)(?:, config (.*))?");
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    /**
     * Who holds (or last held) a lock, as read from its file. Immutable.
     *
     * @param pid the holder's process id
     * @param text the whole line, for messages
     * @param config the holder's configuration file, empty when it did not say
     */
    public record Holder(long pid, String text, Optional<String> config) {
        static Optional<Holder> parse(String line) {
            Matcher m = HOLDER.matcher(line.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Holder(Long.parseLong(m.group(1)), line.strip(), Optional.ofNullable(m.group(4))));
        }
    }

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a configuration.
     *
     * @param what what is locked, for messages and the holder line (the config file)
     * @throws LockHeldException naming the holder when another run holds it
     */
    public static RunLock acquire(Path file, String what) {
        return acquire(file, what, holder -> "another rdump run holds the lock of " + what + " ("
                + holder.map(Holder::text).orElse("an unknown process") + "); lock file " + file
                + ". Wait for that run to finish; the lock is released when its process ends.");
    }

    /**
     * Takes the lock in {@code file}, writing this process as its holder.
     *
     * @param config the configuration this process runs, written into the holder line
     * @param refusal the message of the {@link LockHeldException} when another process (or this
     *     JVM) holds it, from the holder's details (empty when the holder wrote none yet)
     * @throws LockHeldException when the lock is held
     * @throws RdumpException when the file cannot be created
     */
    public static RunLock acquire(Path file, String config, Function<Optional<Holder>, String> refusal) {
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
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                Optional<String> line = readHolder(ch);
                ch.close();
                throw new LockHeldException(refusal.apply(line.map(l -> Holder.parse(l)
                        .orElse(new Holder(-1, l, Optional.empty())))));
            }
            readHolder(ch).ifPresent(old -> LOG.info("taking over a stale lock " + file + " left by " + old + " (that process no longer holds it)"));
            ProcessHandle self = ProcessHandle.current();
            String text = "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now())
                    + ", host " + host() + ", config " + config.replace('\n', ' ') + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new RunLock(file, ch, lock);
        } catch (IOException e) {
            throw new RdumpException("cannot create the lock file " + file + ": " + e.getMessage()
                    + "; set 'lock:' in the config (or RDUMP_LOCK_DIR for the machine-wide locks) to a writable"
                    + " place", e);
        }
    }

    private static Optional<String> readHolder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
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
            LOG.warn("releasing " + file + ": " + e.getMessage());
        }
    }
}
