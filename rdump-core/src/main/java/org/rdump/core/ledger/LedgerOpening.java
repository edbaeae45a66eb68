package org.rdump.core.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.RdumpException;

/**
 * Opens the ledger for a run so that it never blocks the run: a damaged file (and its
 * {@code -wal}/{@code -shm}) is renamed to {@code FILE.damaged-STAMP} and a new ledger started;
 * a ledger that cannot be opened at all is reported and the run goes on unrecorded.
 */
public final class LedgerOpening {
    private LedgerOpening() {
    }

    /**
     * The run's ledger, or empty when it cannot be had; every problem goes to {@code warn}.
     *
     * @param file the ledger file
     * @param warn receives each problem, one message each
     * @param now names the set-aside file
     * @return the open ledger (the caller closes it), or empty when the run goes unrecorded
     */
    public static Optional<Ledger> forRun(Path file, Instant now, Consumer<String> warn) {
        try {
            return Optional.of(Ledger.open(file));
        } catch (Ledger.DamagedException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + ArchiveInfo.STAMP.format(now));
            try {
                for (String suffix : List.of("-wal", "-shm", "")) {
                    Path f = file.resolveSibling(file.getFileName() + suffix);
                    if (Files.exists(f)) {
                        Files.move(f, aside.resolveSibling(aside.getFileName() + suffix),
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } catch (IOException io) {
                warn.accept(e.getMessage() + "; it could not be set aside (" + io + "), so this run is not recorded;"
                        + " move it away by hand");
                return Optional.empty();
            }
            warn.accept(e.getMessage() + "; it was set aside as " + aside + " and a new ledger started: the history"
                    + " of earlier runs is in the old file only");
            return open(file, warn);
        } catch (RdumpException e) {
            warn.accept(e.getMessage() + "; this run is not recorded in the ledger");
            return Optional.empty();
        }
    }

    private static Optional<Ledger> open(Path file, Consumer<String> warn) {
        try {
            return Optional.of(Ledger.open(file));
        } catch (RdumpException e) {
            warn.accept(e.getMessage() + "; this run is not recorded in the ledger");
            return Optional.empty();
        }
    }
}
