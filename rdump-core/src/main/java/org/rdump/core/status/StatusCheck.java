package org.rdump.core.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.rdump.core.ledger.BackupRecord;

/**
 * A {@link StatusReport} as the monitoring-plugins convention (Nagios, Icinga, Checkmk, Zabbix
 * agents) wants it: exit code 0/1/2/3, a first line {@code RDUMP STATE - summary | perfdata}, then
 * one line per volume (the plugin's long output). Perfdata is
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, space separated; per volume:
 * {@code VOLUME_backup_age} (seconds since the oldest of its destinations' last successful
 * backups; warn at {@code max_age}), {@code VOLUME_proven_age} (seconds since the newest backup
 * proven restorable was made; warn at {@code max_unverified}), {@code VOLUME_files} and
 * {@code VOLUME_bytes} (of its newest backup). An unknown value is {@code U}.
 */
public final class StatusCheck {
    private StatusCheck() {
    }

    /**
     * Every line of the check's output; the first is the summary with the perfdata, then one per
     * volume.
     *
     * @param report the judged volumes
     * @return never null, never empty
     */
    public static List<String> lines(StatusReport report) {
        State state = report.state();
        List<String> out = new ArrayList<>();
        String summary;
        if (report.ledgerProblem() != null) {
            summary = StatusReport.oneLine(report.ledgerProblem());
        } else if (report.volumes().isEmpty()) {
            summary = "no volumes selected";
        } else if (state == State.OK) {
            summary = report.volumes().size() + (report.volumes().size() == 1 ? " volume" : " volumes")
                    + " backed up and proven restorable";
        } else {
            List<String> parts = new ArrayList<>();
            report.volumes().stream().filter(v -> v.state() != State.OK)
                    .sorted(Comparator.comparing(VolumeStatus::state, (a, b) -> a == b ? 0 : a.worst(b) == a ? -1 : 1))
                    .forEach(v -> parts.add(v.volume() + ": " + v.problems().get(0)
                            + (v.problems().size() > 1 ? " (+" + (v.problems().size() - 1) + " more)" : "")));
            long ok = report.volumes().stream().filter(v -> v.state() == State.OK).count();
            summary = String.join("; ", parts) + (ok > 0 ? "; " + ok + " OK" : "");
        }
        String perf = perfdata(report);
        out.add("RDUMP " + state.name() + " - " + summary + (perf.isEmpty() ? "" : " | " + perf));
        for (VolumeStatus v : report.volumes()) {
            out.add(v.volume() + ": " + v.state().name() + (v.problems().isEmpty() ? " - " + okText(v, report)
                    : " - " + String.join("; ", v.problems())));
        }
        return out;
    }

    private static String okText(VolumeStatus v, StatusReport report) {
        List<String> parts = new ArrayList<>();
        for (DestinationStatus d : v.destinations()) {
            if (d.lastSuccess() != null) {
                parts.add("backed up to '" + d.destination() + "' " + StatusReport.ago(d.lastSuccess().time(),
                        report.now()));
            }
        }
        if (v.newestProven() != null) {
            parts.add(v.newestProven().stamp() + " proven restorable");
        }
        return parts.isEmpty() ? "ok" : String.join(", ", parts);
    }

    /**
     * The perfdata of every volume, space separated.
     *
     * @param report the judged volumes
     * @return never null; empty when there are no volumes
     */
    public static String perfdata(StatusReport report) {
        List<String> out = new ArrayList<>();
        for (VolumeStatus v : report.volumes()) {
            Duration age = null;
            for (DestinationStatus d : v.destinations()) {
                if (d.lastSuccess() == null) {
                    age = null;
                    break;
                }
                Duration a = Duration.between(d.lastSuccess().time(), report.now());
                age = age == null || a.compareTo(age) > 0 ? a : age;
            }
            out.add(metric(v.volume() + "_backup_age", age == null ? "U" : age.getSeconds() + "s",
                    Long.toString(v.thresholds().maxAge().getSeconds()), "", "0"));
            Duration proven = v.newestProven() == null ? null
                    : Duration.between(Objects.requireNonNull(v.newestProven().backupTime()), report.now());
            out.add(metric(v.volume() + "_proven_age", proven == null ? "U" : proven.getSeconds() + "s",
                    Long.toString(v.thresholds().maxUnverified().getSeconds()), "", "0"));
            BackupRecord newest = v.destinations().stream().map(DestinationStatus::lastSuccess)
                    .filter(Objects::nonNull).max(Comparator.comparing(BackupRecord::time)).orElse(null);
            out.add(metric(v.volume() + "_files", newest == null || newest.files() < 0 ? "U"
                    : Long.toString(newest.files()), "", "", "0"));
            out.add(metric(v.volume() + "_bytes", newest == null || newest.bytes() < 0 ? "U"
                    : newest.bytes() + "B", "", "", "0"));
        }
        return String.join(" ", out);
    }

    /** One perfdata item; the label is quoted when it holds a space, {@code =} or a quote. */
    static String metric(String label, String value, String warn, String crit, String min) {
        String l = label.matches("[^ ='\"]+") ? label : "'" + label.replace("'", "''") + "'";
        String s = l + "=" + value + ";" + warn + ";" + crit + ";" + min;
        return s.replaceAll(";+$", "");
    }
}
