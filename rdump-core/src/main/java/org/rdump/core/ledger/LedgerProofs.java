package org.rdump.core.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpException;

/**
 * What {@code keep_verified} protects, read from the ledger: for a volume and destination, the
 * newest backup proven restorable ({@link LedgerSnapshot#newestProven}: its latest full test
 * restore matched; a {@code restore --path} check does not count).
 *
 * <p>A ledger that cannot be read must not make pruning delete more, so then every prune is
 * skipped ({@link PruneProtection#skipping}) with the reason: the file is damaged or unreadable;
 * or a damaged ledger was set aside beside it ({@code FILE.damaged-STAMP}) and the new one holds
 * no proof yet for that volume and destination (the proof may be in the old file). A missing
 * ledger (no run has finished yet) proves nothing and skips nothing. Read once, at the first
 * question (while planning, before the run's own ledger is opened); used from one thread.
 */
public final class LedgerProofs {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);
    private final Path file;
    private @Nullable LedgerSnapshot snapshot;
    private @Nullable String problem;
    private @Nullable List<Path> setAside;

    /**
     * The proofs of the ledger at {@code file}.
     *
     * @param file the ledger file; read at the first question, not here
     */
    public LedgerProofs(Path file) {
        this.file = file;
    }

    /**
     * The protection of {@code destination}'s backups of {@code volume}.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return the newest proven backup to keep, or none, or skipping every prune with the reason
     */
    public PruneProtection protection(String volume, String destination) {
        read();
        if (problem != null) {
            return PruneProtection.skipping(problem);
        }
        Optional<VerificationRecord> proven = snapshot.newestProven(volume, destination);
        if (proven.isPresent()) {
            VerificationRecord v = proven.get();
            return PruneProtection.keeping(v.backupTime(), "is the newest backup of " + volume + " in '" + destination
                    + "' proven restorable (verify " + AT.format(v.at()) + ")");
        }
        if (!setAside.isEmpty()) {
            return PruneProtection.skipping("keep_verified: the ledger was set aside as damaged (" + setAside.get(setAside.size() - 1)
                    + ") and the new one proves no backup of " + volume + " in '" + destination + "' restorable yet,"
                    + " so it is unknown which backup must stay; nothing is pruned there until one is proven (rdump"
                    + " verify " + volume + " --tool " + destination + ") or the old file is removed");
        }
        return PruneProtection.NONE;
    }

    private void read() {
        if (snapshot != null || problem != null) {
            return;
        }
        setAside = damagedBeside(file);
        if (!Files.exists(file)) {
            snapshot = LedgerSnapshot.EMPTY;
            return;
        }
        try (Ledger l = Ledger.openReadOnly(file)) {
            snapshot = l.snapshot();
        } catch (RdumpException e) {
            problem = "keep_verified: " + e.getMessage() + "; it is unknown which backup is proven restorable, so"
                    + " nothing is pruned (the next run sets a damaged ledger aside; a backup proven again by"
                    + " rdump verify lets pruning resume)";
        }
    }

    private static List<Path> damagedBeside(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName() + ".damaged-";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && !n.endsWith("-wal") && !n.endsWith("-shm");
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
