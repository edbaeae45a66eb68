package org.rdump.core.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpException;

/**
 * The guard failures that are not yet cleared, per volume, in a small JSON file beside the
 * configuration's lock ({@code LOCK.guards}). Written whole to a temporary file, synced, renamed
 * into place and the directory synced, so a crash leaves the old or the new state, never half of
 * one. Only used under the run lock; the methods are synchronized for the steps of one run.
 *
 * <p><b>What a record means.</b> A volume's guard failed at {@link Failure#at()}: its tree looked
 * unmounted, empty or shrunk, so the newest backup made before that time is the last one known to
 * hold the volume's files. While the record exists:
 * <ul>
 *   <li>retention keeps that backup ({@link #protection}), whatever {@code keep} says;
 *   <li>the shrink guard compares a new manifest with the figures from before the failure
 *       ({@link Failure#baselineFiles()}), not with the previous version: a simple volume's
 *       manifest is updated in place, so after a shrunk run the previous version <em>is</em> the
 *       shrunk one, and a tree that stays shrunk must keep failing.
 * </ul>
 * A second failure keeps the first one's time and baseline (nothing good was backed up in between:
 * a run that passed every guard and backed up would have cleared the record).
 *
 * <p><b>When it is cleared.</b> Only by the last BACKUP step of the volume, which the runner
 * reaches only when, in the same run, every guard passed (against the pre-failure baseline, or
 * with {@code --allow-shrink}, the user's word) and every backup and prune of the volume
 * succeeded. That run's new backup is then at least as complete as the protected one, and its own
 * prune still kept the protected one; only later runs let retention take it. Clearing any earlier
 * (when a guard passes but a backup then fails) would let a later run's retention delete the last
 * good backup without a good one to replace it.
 */
public final class GuardState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    /**
     * One volume's uncleared guard failure. Immutable.
     *
     * @param at when the first uncleared failure happened
     * @param reason the latest failure's message
     * @param baselineFiles the files of the last manifest version before the failure, or -1
     * @param baselineBytes its bytes, or -1
     */
    public record Failure(Instant at, String reason, long baselineFiles, long baselineBytes) {
        public Failure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        /** Whether the pre-failure manifest figures are known. */
        public boolean hasBaseline() {
            return baselineFiles >= 0 && baselineBytes >= 0;
        }
    }

    public GuardState(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The state file beside a configuration's lock file: {@code LOCK.guards}. */
    public static Path beside(Path lockFile) {
        return lockFile.resolveSibling(lockFile.getFileName() + ".guards");
    }

    public Path file() {
        return file;
    }

    /** The volume's uncleared failure, if any. */
    public synchronized Optional<Failure> failure(String volume) {
        return Optional.ofNullable(read().get(volume));
    }

    /** What retention must keep of this volume's backups. */
    public PruneProtection protection(String volume) {
        return failure(volume).map(f -> PruneProtection.newestBefore(f.at())).orElse(PruneProtection.NONE);
    }

    /**
     * Records a failure; an earlier uncleared one keeps its time and (when known) its baseline.
     *
     * @return the record now stored
     */
    public synchronized Failure record(String volume, Failure failure) {
        Map<String, Failure> all = read();
        Failure old = all.get(volume);
        Failure now = failure;
        if (old != null) {
            boolean keepBaseline = old.hasBaseline();
            now = new Failure(old.at(), failure.reason(), keepBaseline ? old.baselineFiles() : failure.baselineFiles(),
                    keepBaseline ? old.baselineBytes() : failure.baselineBytes());
        }
        all.put(volume, now);
        write(all);
        return now;
    }

    /** Forgets the volume's failure; nothing to do when there is none. */
    public synchronized void clear(String volume) {
        Map<String, Failure> all = read();
        if (all.remove(volume) != null) {
            write(all);
        }
    }

    /** Every uncleared failure, by volume. */
    public synchronized Map<String, Failure> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new RdumpException("cannot read the guard state " + file + ": " + e.getMessage(), e);
        }
        Map<String, Failure> out = new TreeMap<>();
        try {
            JsonNode volumes = JSON.readTree(text).path("volumes");
            for (Iterator<Map.Entry<String, JsonNode>> it = volumes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                out.put(e.getKey(), new Failure(Instant.parse(v.path("failed_at").asText()),
                        v.path("reason").asText(""), v.path("baseline_files").asLong(-1),
                        v.path("baseline_bytes").asLong(-1)));
            }
        } catch (IOException | DateTimeParseException e) {
            // Never guess: forgetting a failure could let retention delete the last good backup.
            throw new RdumpException("the guard state " + file + " is damaged (" + e.getMessage() + "); it records"
                    + " volumes whose last good backup retention must keep. Repair it, or delete it to forget every"
                    + " recorded guard failure", e);
        }
        return out;
    }

    private void write(Map<String, Failure> all) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode volumes = root.putObject("volumes");
        all.forEach((name, f) -> {
            ObjectNode v = volumes.putObject(name);
            v.put("failed_at", f.at().toString());
            v.put("reason", f.reason());
            v.put("baseline_files", f.baselineFiles());
            v.put("baseline_bytes", f.baselineBytes());
        });
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new RdumpException("cannot write the guard state " + file + ": " + e.getMessage()
                    + "; check that the directory of 'lock:' is writable", e);
        }
    }
}
