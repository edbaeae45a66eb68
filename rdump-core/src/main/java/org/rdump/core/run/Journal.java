package org.rdump.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdump.api.RdumpException;

/**
 * What a backup run has started, on disk, so that a run killed without a chance to clean up
 * (SIGKILL, power loss) is cleaned up by the next one. Written beside the lock file: a header
 * (run stamp, volumes, whether it verifies), then one line per step before it performs, each
 * line synced to disk. Deleted once the run's cleanups are done. Used under the run lock only.
 *
 * <p>The next run re-plans the same volumes with the same stamp (plans are pure and cleanups
 * idempotent by contract) and runs the cleanups of the steps the journal lists, newest first.
 */
public final class Journal implements AutoCloseable {
    private static final String MAGIC = "rdump-journal 1";
    private final Path file;
    private final FileChannel channel;

    /** What an unfinished run had started. */
    public record Unfinished(Path file, String runStamp, List<String> volumes, boolean verify,
                             List<String> started) {
        public Unfinished {
            volumes = List.copyOf(volumes);
            started = List.copyOf(started);
        }
    }

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The journal file that belongs to a lock file. */
    public static Path beside(Path lockFile) {
        return lockFile.resolveSibling(lockFile.getFileName() + ".journal");
    }

    /** Reads an unfinished run's journal, if there is one. */
    public static Optional<Unfinished> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RdumpException("cannot read the journal " + file + " of an earlier run: " + e, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            // A crash while the header was written: nothing had started yet.
            return Optional.of(new Unfinished(file, "", List.of(), false, List.of()));
        }
        String stamp = "";
        boolean verify = false;
        List<String> volumes = new ArrayList<>();
        List<String> started = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.startsWith("stamp ")) {
                stamp = l.substring(6);
            } else if (l.startsWith("verify ")) {
                verify = Boolean.parseBoolean(l.substring(7));
            } else if (l.startsWith("volume ")) {
                volumes.add(l.substring(7));
            } else if (l.startsWith("started ")) {
                started.add(l.substring(8));
            }
        }
        return Optional.of(new Unfinished(file, stamp, volumes, verify, started));
    }

    /** Starts the journal of a run (replacing nothing: call after {@link #read} found none). */
    public static Journal begin(Path file, String runStamp, List<String> volumes, boolean verify) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Journal j = new Journal(file, ch);
            StringBuilder b = new StringBuilder(MAGIC).append('\n').append("stamp ").append(runStamp).append('\n')
                    .append("verify ").append(verify).append('\n');
            volumes.forEach(v -> b.append("volume ").append(v).append('\n'));
            j.append(b.toString());
            return j;
        } catch (IOException e) {
            throw new RdumpException("cannot write the run journal " + file + ": " + e
                    + "; set 'lock:' in the config to a writable place", e);
        }
    }

    /** Records that step {@code index} (1-based) is about to perform; synced before it does. */
    public void started(int index, String description) {
        try {
            append("started " + index + " " + description.replace('\n', ' ') + "\n");
        } catch (IOException e) {
            throw new RdumpException("cannot write the run journal " + file + ": " + e, e);
        }
    }

    private void append(String s) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    /** The run's cleanups are done: the journal goes. */
    public void finish() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RdumpException("cannot delete the run journal " + file + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to write
        }
    }
}
