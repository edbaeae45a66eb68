package org.rdump.core.ledger;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the ledger holds, read at one moment; what {@code status}, {@code list} and the
 * metrics file are computed from. Immutable; every list oldest first.
 *
 * @param runs every run recorded
 * @param outcomes how each volume fared in each run
 * @param backups every backup made or attempted, in every destination
 * @param verifications every test restore, sampled check and restore check
 */
public record LedgerSnapshot(List<RunRecord> runs, List<VolumeOutcome> outcomes, List<BackupRecord> backups,
                             List<VerificationRecord> verifications) {
    /** A ledger with nothing in it (no run has been recorded). */
    public static final LedgerSnapshot EMPTY = new LedgerSnapshot(List.of(), List.of(), List.of(), List.of());

    /**
     * Checks the components.
     *
     * @param runs every run recorded
     * @param outcomes how each volume fared in each run
     * @param backups every backup made or attempted, in every destination
     * @param verifications every test restore, sampled check and restore check
     * @throws NullPointerException if any component is null
     */
    public LedgerSnapshot {
        runs = List.copyOf(runs);
        outcomes = List.copyOf(outcomes);
        backups = List.copyOf(backups);
        verifications = List.copyOf(verifications);
    }

    /**
     * The newest successful backup of {@code volume} in {@code destination}.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return empty when none succeeded
     */
    public Optional<BackupRecord> lastSuccess(String volume, String destination) {
        return backups.stream().filter(b -> b.succeeded() && b.volume().equals(volume)
                && b.destination().equals(destination)).max(Comparator.comparing(BackupRecord::time));
    }

    /**
     * The newest check (test restore or restore) of the backup {@code stamp} of {@code volume} in {@code destination}.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @param stamp the backup's run stamp
     * @return empty when that backup was never checked there
     */
    public Optional<VerificationRecord> lastCheck(String volume, String destination, String stamp) {
        VerificationRecord last = null;
        for (VerificationRecord v : verifications) {
            if (v.volume().equals(volume) && v.destination().equals(destination) && stamp.equals(v.stamp())) {
                last = v;
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The newest full test restore of {@code volume} in {@code destination} (any verdict).
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return empty when there was none
     */
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
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return empty when no backup there is proven restorable
     */
    public Optional<VerificationRecord> newestProven(String volume, String destination) {
        java.util.Map<String, VerificationRecord> latestFull = new java.util.HashMap<>();
        for (VerificationRecord v : verifications) {
            if (v.volume().equals(volume) && v.destination().equals(destination) && v.full()
                    && v.stamp() != null && v.backupTime() != null) {
                latestFull.put(v.stamp(), v);
            }
        }
        return latestFull.values().stream().filter(VerificationRecord::provesBackup)
                .max(Comparator.comparing((VerificationRecord v) -> v.backupTime()).thenComparing(VerificationRecord::at));
    }

    /**
     * The sampled checks of {@code volume} in {@code destination} that reached a verdict (a failed
     * one covers nothing and moves no cursor), oldest first.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return never null; empty when never sampled
     */
    public List<VerificationRecord> samples(String volume, String destination) {
        return verifications.stream().filter(v -> v.sample() != null && v.volume().equals(volume)
                && v.destination().equals(destination) && v.verdict() != VerificationRecord.Verdict.FAILED
                && v.stamp() != null).toList();
    }

    /**
     * The newest cycle of sampled checks (complete or not) of {@code volume} in {@code destination}.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return empty when never sampled
     */
    public Optional<SampleCycle> currentCycle(String volume, String destination) {
        List<SampleCycle> all = cycles(volume, destination);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The newest complete cycle of {@code volume} in {@code destination}: when it was last fully covered.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return empty when no cycle has completed
     */
    public Optional<SampleCycle> lastCompleteCycle(String volume, String destination) {
        List<SampleCycle> all = cycles(volume, destination);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).complete()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Every cycle of sampled checks of {@code volume} in {@code destination}, oldest first.
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return never null; empty when never sampled
     */
    public List<SampleCycle> cycles(String volume, String destination) {
        java.util.Map<Long, List<VerificationRecord>> byCycle = new java.util.TreeMap<>();
        for (VerificationRecord v : samples(volume, destination)) {
            byCycle.computeIfAbsent(v.sample().cycle(), k -> new java.util.ArrayList<>()).add(v);
        }
        return byCycle.entrySet().stream().map(e -> new SampleCycle(volume, destination, e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * The newest sampled check of {@code volume} in {@code destination} that found differences
     * and still stands: no full test restore from there ran after it, and no cycle that began
     * after it has completed without a difference (a sample re-checks the damaged entries only in
     * a later cycle, so one clean slice must not hide them).
     *
     * @param volume the volume's name
     * @param destination the tool instance's name
     * @return empty when no sampled difference stands
     */
    public Optional<VerificationRecord> standingSampleDifferences(String volume, String destination) {
        VerificationRecord damage = null;
        for (VerificationRecord v : samples(volume, destination)) {
            if (v.verdict() == VerificationRecord.Verdict.DIFFERS) {
                damage = v;
            }
        }
        if (damage == null) {
            return Optional.empty();
        }
        java.time.Instant at = damage.at();
        boolean retested = verifications.stream().anyMatch(v -> v.volume().equals(volume)
                && v.destination().equals(destination) && v.kind().equals(VerificationRecord.TEST_RESTORE)
                && v.at().isAfter(at));
        boolean swept = cycles(volume, destination).stream().anyMatch(c -> c.complete() && c.clean()
                && c.started().isAfter(at));
        return retested || swept ? Optional.empty() : Optional.of(damage);
    }

    /**
     * Runs in which {@code volume} failed or was interrupted.
     *
     * @param volume the volume's name
     * @return how many; 0 when none
     */
    public long failures(String volume) {
        return outcomes.stream().filter(o -> o.volume().equals(volume) && (o.outcome() == RunOutcome.FAILED
                || o.outcome() == RunOutcome.INTERRUPTED)).count();
    }
}
