package org.rdump.core.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdump.api.RdumpException;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.UndoLog;
import org.rdump.api.command.Command;
import org.rdump.api.command.ProcessTracker;
import org.rdump.api.support.ProcessStopper;
import org.slf4j.LoggerFactory;

/**
 * What exists, on disk: the {@link Undo} records of every resource a run created and has not
 * removed yet, so that a run killed without a chance to clean up (SIGKILL, power loss) is cleaned
 * up by the next one, without re-planning. One file beside the config's lock, used under that
 * lock only; JSON lines ({@link UndoCodec}): an {@code open} line is appended and synced before
 * the resource is created, a {@code done} line after it was removed.
 *
 * <p>Reading tolerates a torn last line (the run died while writing it, before the resource it
 * announced was created). Any other unreadable line is reported, never silently dropped: it is
 * kept in {@code FILE.damaged} when the journal is compacted. Closing compacts the file to the
 * records still open, or deletes it when there are none. Thread-safe.
 *
 * <p>Child processes are journaled too ({@link ProcessTracker}): pid and start time, so that
 * recovery stops a killed run's children and never a process that reused the pid.
 */
public final class Journal implements UndoLog, ProcessTracker, AutoCloseable {
    private final Path file;
    private final Map<String, Undo> open = new LinkedHashMap<>();
    private final List<String> damaged = new ArrayList<>();
    private final ResourceClaims claims;
    /**
     * A stream, not a {@link FileChannel}: a channel is closed for good when the writing thread
     * is interrupted (SIGINT), and the cleanups that follow must still write their records.
     */
    private FileOutputStream channel;

    private Journal(Path file, ResourceClaims claims) {
        this.file = file;
        this.claims = claims;
    }

    /** The journal file that belongs to a lock file. */
    public static Path beside(Path lockFile) {
        return lockFile.resolveSibling(lockFile.getFileName() + ".journal");
    }

    /**
     * Opens the journal, reading the records an earlier run left open.
     *
     * @throws RdumpException when it cannot be read or written
     */
    public static Journal open(Path file) {
        return open(file, ResourceClaims.NONE);
    }

    /**
     * Opens the journal of a run that holds {@code claims} (its {@link RunLocks}): recovery asks
     * them before it undoes a record of a shared resource.
     *
     * @throws RdumpException when it cannot be read or written
     */
    public static synchronized Journal open(Path file, ResourceClaims claims) {
        Journal j = new Journal(file, java.util.Objects.requireNonNull(claims, "claims"));
        j.load();
        try {
            j.channel = new FileOutputStream(file.toFile(), true);
            if (Files.size(file) > 0 && !endsWithNewline(file)) {
                j.write("\n", true); // end a torn line, so that the next record starts a line of its own
            }
        } catch (IOException e) {
            throw new RdumpException("cannot write the run journal " + file + ": " + e
                    + "; set 'lock:' in the config to a writable place", e);
        }
        return j;
    }

    private void load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new RdumpException("cannot read the run journal " + file + ": " + e, e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // The last element is "" after a final newline, or a torn line: ignore either.
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("rdump-journal")) {
                continue; // blank, or the first format's header
            }
            try {
                UndoCodec.Line l = UndoCodec.parse(line);
                String key = key(l.kind(), l.identity());
                if (l.undo() != null) {
                    open.remove(key);
                    open.put(key, l.undo());
                } else {
                    open.remove(key);
                }
            } catch (IllegalArgumentException e) {
                damaged.add("line " + (i + 1) + ": " + e.getMessage() + ": " + abbreviate(line));
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            f.seek(f.length() - 1);
            return f.read() == '\n';
        }
    }

    public Path file() {
        return file;
    }

    /** What recovery asks before it undoes a record of a shared resource; never null. */
    public ResourceClaims claims() {
        return claims;
    }

    /** The records still open, oldest first. */
    public synchronized List<Undo> openRecords() {
        return List.copyOf(open.values());
    }

    /** Lines that could not be read (with their numbers and why); kept, never acted upon. */
    public synchronized List<String> damagedLines() {
        return List.copyOf(damaged);
    }

    @Override
    public synchronized Undo record(Undo undo) {
        write(UndoCodec.open(undo) + "\n", true);
        String key = key(undo.kind(), undo.identity());
        open.remove(key);
        open.put(key, undo);
        return undo;
    }

    /**
     * {@inheritDoc} The {@code done} line is not synced: if it is lost in a crash, the next run
     * carries out the record's actions again, which are idempotent.
     */
    @Override
    public synchronized void done(Undo undo) {
        if (open.remove(key(undo.kind(), undo.identity())) != null) {
            write(UndoCodec.done(undo) + "\n", false);
        }
    }

    @Override
    public Runnable started(ProcessHandle process, Command command) {
        Instant start = process.info().startInstant().orElse(null);
        if (start == null && !process.isAlive()) {
            return () -> { }; // already ended (and reaped): nothing can outlive the run
        }
        if (start == null) {
            throw new RdumpException("cannot read the start time of process " + process.pid() + " (" + command.program()
                    + "), so it could not be stopped safely after a crash; is /proc mounted?");
        }
        Undo u = Undo.of("process", process.pid() + " started " + start, "rdump",
                new UndoAction.Stop(process.pid(), start, command.stopSignal(),
                        ProcessStopper.graceFor(command.stopSignal()), command.program()));
        record(u);
        return () -> done(u);
    }

    private void write(String s, boolean sync) {
        if (channel == null) {
            throw new IllegalStateException("journal " + file + " is closed");
        }
        try {
            channel.write(s.getBytes(StandardCharsets.UTF_8));
            if (sync) {
                channel.getFD().sync();
            }
        } catch (IOException e) {
            throw new RdumpException("cannot write the run journal " + file + ": " + e
                    + "; free space there or set 'lock:' in the config to another place", e);
        }
    }

    /**
     * Compacts the file to the records still open (written to a temporary file, synced and renamed),
     * or deletes it when none are open; damaged lines go to {@code FILE.damaged}.
     */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        boolean interrupted = Thread.interrupted(); // file channels below would close themselves on it
        try {
            channel.close();
            channel = null;
            if (!damaged.isEmpty()) {
                Files.write(file.resolveSibling(file.getFileName() + ".damaged"), damaged, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                damaged.clear();
            }
            if (open.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder b = new StringBuilder();
            open.values().forEach(u -> b.append(UndoCodec.open(u)).append('\n'));
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                out.getFD().sync();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The appended file is still complete: nothing is lost, it is just longer.
            LoggerFactory.getLogger("rdump.run").warn("cannot compact the journal " + file
                    + ": " + e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String key(String kind, String identity) {
        return kind + "\u0000" + identity;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
