package org.rdump.core.ledger;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the ledger holds, read at one moment; what {@code status}, {@code list} and the
 * metrics file are computed from. Immutable; every list oldest first.
 */
public record LedgerSnapshot(List<RunRecord> runs, List<VolumeOutcome> outcomes, List<BackupRecord> backups,
                             List<VerificationRecord> verifications) {
    /** A ledger with nothing in it (no run has been recorded). */
    public static final LedgerSnapshot EMPTY = new LedgerSnapshot(List.of(), List.of(), List.of(), List.of());

    public LedgerSnapshot {
        runs = List.copyOf(runs);
        outcomes = List.copyOf(outcomes);
        backups = List.copyOf(backups);
        verifications = List.copyOf(verifications);
    }

    /** The newest successful backup of {@code volume} in {@code destination}. */
    public Optional<BackupRecord> lastSuccess(String volume, String destination) {
        return backups.stream().filter(b -> b.succeeded() && b.volume().equals(volume)
                && b.destination().equals(destination)).max(Comparator.comparing(BackupRecord::time));
    }

    /** The newest check (test restore or restore) of the backup {@code stamp} of {@code volume} in {@code destination}. */
    public Optional<VerificationRecord> lastCheck(String volume, String destination, String stamp) {
        VerificationRecord last = null;
        for (VerificationRecord v : verifications) {
            if (v.volume().equals(volume) && v.destination().equals(destination) && stamp.equals(v.stamp())) {
                last = v;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The newest full test restore of {@code volume} in {@code destination} (any verdict). */
    public Optional<VerificationRecord> lastTestRestore(String volume, String destination) {
        VerificationRecord last = null;
        for (VerificationRecord v : verifications) {
            if (v.volume().equals(volume) && v.destination().equals(destination)
                    && v.kind().equals(VerificationRecord.TEST_RESTORE)) {
                last = v;
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The check that proves the newest backup of {@code volume} in {@code destination} restorable:
     * of each backup only its latest full check counts (a later check that found differences takes
     * the proof back), and of those that matched, the one of the newest backup.
     */
    public Optional<VerificationRecord> newestProven(String volume, String destination) {
        java.util.Map<String, VerificationRecord> latestFull = new java.util.HashMap<>();
        for (VerificationRecord v : verifications) {
            if (v.volume().equals(volume) && v.destination().equals(destination) && v.paths().isEmpty()
                    && v.stamp() != null && v.backupTime() != null) {
                latestFull.put(v.stamp(), v);
            }
        }
        return latestFull.values().stream().filter(VerificationRecord::provesBackup)
                .max(Comparator.comparing((VerificationRecord v) -> v.backupTime()).thenComparing(VerificationRecord::at));
    }

    /** Runs in which {@code volume} failed or was interrupted. */
    public long failures(String volume) {
        return outcomes.stream().filter(o -> o.volume().equals(volume) && (o.outcome() == RunOutcome.FAILED
                || o.outcome() == RunOutcome.INTERRUPTED)).count();
    }
}
