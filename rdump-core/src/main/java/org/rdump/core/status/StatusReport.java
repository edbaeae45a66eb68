package org.rdump.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rdump.api.VolumeSpec;
import org.rdump.core.ledger.BackupRecord;
import org.rdump.core.ledger.LedgerSnapshot;
import org.rdump.core.ledger.RunOutcome;
import org.rdump.core.ledger.VerificationRecord;
import org.rdump.core.ledger.VolumeOutcome;

/**
 * {@code rdump status}: every selected volume's state, read from the ledger and judged at
 * {@code now}. Immutable.
 *
 * <p>A volume is <b>CRITICAL</b> when a destination has no successful backup, when its newest
 * backup run failed or was interrupted, or when its newest test restore in a destination found
 * differences, or a sampled check there found differences that no later full test restore or
 * complete cycle of samples has cleared; <b>WARNING</b> when a destination's last successful backup is older than
 * {@code max_age}, or its newest backup proven restorable was made longer ago than
 * {@code max_unverified}; <b>UNKNOWN</b> when no backup of it was ever proven restorable (a
 * volume without destinations, a replication job, is judged by its runs only); else
 * <b>OK</b>. A ledger that cannot be read makes the whole report UNKNOWN.
 *
 * @param now when it was judged
 * @param volumes in config order
 * @param ledgerProblem why the ledger could not be read, or null
 */
public record StatusReport(Instant now, List<VolumeStatus> volumes, @Nullable String ledgerProblem) {
    /**
     * Checks {@code now} and copies the volumes.
     *
     * @param now when it was judged
     * @param volumes in config order
     * @param ledgerProblem why the ledger could not be read, or null
     * @throws NullPointerException if {@code now} or {@code volumes} is null
     */
    public StatusReport {
        Objects.requireNonNull(now, "now");
        volumes = List.copyOf(volumes);
    }

    /**
     * The state of the whole report, as {@code rdump status --check} exits with it.
     *
     * @return the worst state of all volumes (OK when none); UNKNOWN when the ledger could not be read
     */
    public State state() {
        if (ledgerProblem != null) {
            return State.UNKNOWN;
        }
        return volumes.stream().map(VolumeStatus::state).reduce(State.OK, State::worst);
    }

    /**
     * Judges {@code volumes} from {@code ledger}.
     *
     * @param volumes the volumes to judge, in the order the report lists them
     * @param destinations each volume's configured destinations (tool instance names)
     * @param ledger what the ledger holds
     * @param defaults the thresholds of volumes that set none
     * @param now the instant the ages are measured from
     * @return never null
     */
    public static StatusReport of(List<VolumeSpec> volumes, Map<String, List<String>> destinations,
                                  LedgerSnapshot ledger, StatusThresholds defaults, Instant now) {
        List<VolumeStatus> out = new ArrayList<>();
        for (VolumeSpec v : volumes) {
            out.add(judge(v, destinations.getOrDefault(v.name(), List.of()), ledger, defaults.forVolume(v), now));
        }
        return new StatusReport(now, out, null);
    }

    /**
     * A report that says only that the ledger could not be read: no volumes, state UNKNOWN.
     *
     * @param problem why, as the ledger's exception said it
     * @param now when it was judged
     * @return never null
     */
    public static StatusReport unreadable(String problem, Instant now) {
        return new StatusReport(now, List.of(), problem);
    }

    private static VolumeStatus judge(VolumeSpec volume, List<String> configured, LedgerSnapshot ledger,
                                      StatusThresholds limits, Instant now) {
        String name = volume.name();
        Set<String> names = new LinkedHashSet<>(configured);
        ledger.backups().stream().filter(b -> b.volume().equals(name)).forEach(b -> names.add(b.destination()));
        List<DestinationStatus> dests = new ArrayList<>();
        for (String d : names) {
            BackupRecord attempt = null;
            for (BackupRecord b : ledger.backups()) {
                if (b.volume().equals(name) && b.destination().equals(d)) {
                    attempt = b;
                }
            }
            VerificationRecord lastSample = null;
            for (VerificationRecord v : ledger.verifications()) {
                if (v.kind().equals(VerificationRecord.SAMPLE) && v.volume().equals(name) && v.destination().equals(d)) {
                    lastSample = v;
                }
            }
            dests.add(new DestinationStatus(d, ledger.lastSuccess(name, d).orElse(null), attempt,
                    ledger.lastTestRestore(name, d).orElse(null), ledger.newestProven(name, d).orElse(null),
                    lastSample, ledger.currentCycle(name, d).orElse(null),
                    ledger.lastCompleteCycle(name, d).orElse(null)));
        }
        VolumeOutcome lastBackupRun = null;
        VolumeOutcome lastFailure = null;
        VolumeOutcome lastSuccessRun = null;
        for (VolumeOutcome o : ledger.outcomes()) {
            if (!o.volume().equals(name)) {
                continue;
            }
            if (o.outcome() == RunOutcome.FAILED || o.outcome() == RunOutcome.INTERRUPTED) {
                lastFailure = o;
            }
            if (o.kind().equals("backup") && o.outcome() != RunOutcome.RUNNING) {
                lastBackupRun = o;
                if (o.outcome() == RunOutcome.SUCCEEDED) {
                    lastSuccessRun = o;
                }
            }
        }
        VerificationRecord proven = dests.stream().map(DestinationStatus::newestProven).filter(Objects::nonNull)
                .max(Comparator.comparing((VerificationRecord x) -> x.backupTime()).thenComparing(VerificationRecord::at))
                .orElse(null);

        List<Problem> problems = new ArrayList<>();
        if (lastBackupRun != null && lastBackupRun.outcome() != RunOutcome.SUCCEEDED
                && lastBackupRun.outcome() != RunOutcome.SKIPPED) {
            problems.add(new Problem(State.CRITICAL, "last backup run " + lastBackupRun.outcome().label() + " "
                    + ago(lastBackupRun.started(), now) + ": " + oneLine(lastBackupRun.error())));
        }
        for (DestinationStatus d : dests) {
            ledger.standingSampleDifferences(name, d.destination()).ifPresent(t -> problems.add(new Problem(
                    State.CRITICAL, "the sampled check of " + t.stamp() + " from '" + d.destination() + "' "
                    + ago(t.at(), now) + " found " + t.differences() + " difference" + (t.differences() == 1 ? "" : "s"))));
            if (d.lastSuccess() == null) {
                problems.add(new Problem(State.CRITICAL, "never backed up to '" + d.destination() + "'"));
            } else {
                Duration age = Duration.between(d.lastSuccess().time(), now);
                if (age.compareTo(limits.maxAge()) > 0) {
                    problems.add(new Problem(State.WARNING, "last backup to '" + d.destination() + "' is "
                            + Durations.format(age) + " old (max " + Durations.format(limits.maxAge()) + ")"));
                }
            }
            VerificationRecord t = d.lastTestRestore();
            if (t != null && t.verdict() == VerificationRecord.Verdict.DIFFERS) {
                problems.add(new Problem(State.CRITICAL, "the test restore of " + t.stamp() + " from '"
                        + d.destination() + "' " + ago(t.at(), now) + " found " + t.differences() + " difference"
                        + (t.differences() == 1 ? "" : "s")));
            }
        }
        if (dests.isEmpty()) {
            if (lastSuccessRun == null) {
                problems.add(new Problem(State.CRITICAL, "no successful run recorded"));
            } else if (Duration.between(lastSuccessRun.started(), now).compareTo(limits.maxAge()) > 0) {
                problems.add(new Problem(State.WARNING, "last successful run is "
                        + Durations.format(Duration.between(lastSuccessRun.started(), now)) + " old (max "
                        + Durations.format(limits.maxAge()) + ")"));
            }
        } else if (proven == null) {
            problems.add(new Problem(State.UNKNOWN, "never proven restorable (run 'rdump verify " + name + "')"));
        } else {
            Duration age = Duration.between(proven.backupTime(), now);
            if (age.compareTo(limits.maxUnverified()) > 0) {
                problems.add(new Problem(State.WARNING, "newest backup proven restorable (" + proven.stamp() + ") is "
                        + Durations.format(age) + " old (max " + Durations.format(limits.maxUnverified()) + ")"));
            }
        }
        problems.sort(Comparator.comparing(Problem::state, (a, b) -> a == b ? 0 : a.worst(b) == a ? -1 : 1));
        State state = problems.stream().map(Problem::state).reduce(State.OK, State::worst);
        return new VolumeStatus(name, dests, lastBackupRun, lastFailure, proven, limits, state,
                problems.stream().map(Problem::text).toList());
    }

    private record Problem(State state, String text) { }

    static String ago(Instant t, Instant now) {
        return Durations.format(Duration.between(t, now)) + " ago";
    }

    /** An error as one line without the perfdata separator, at most 200 characters. */
    static String oneLine(@Nullable String s) {
        if (s == null) {
            return "no error recorded";
        }
        String t = s.replaceAll("\\s*\\R\\s*", " ").replace('|', '/').strip();
        return t.length() <= 200 ? t : t.substring(0, 199) + "…";
    }
}
