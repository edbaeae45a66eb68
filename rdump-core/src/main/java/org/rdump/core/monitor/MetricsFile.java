package org.rdump.core.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rdump.api.RdumpException;
import org.rdump.api.support.AtomicFiles;
import org.rdump.core.ledger.BackupRecord;
import org.rdump.core.ledger.LedgerSnapshot;
import org.rdump.core.ledger.VerificationRecord;

/**
 * The Prometheus textfile-collector file ({@code metrics_file:}), computed from the ledger at the
 * end of every run: one series per configured volume and destination (a destination never backed
 * up reads 0, so an alert on its age fires). Written to a temporary file in the same directory,
 * synced, then renamed over the old one, so node_exporter never reads half a file.
 */
public final class MetricsFile {
    private MetricsFile() {
    }

    /**
     * The file's text (Prometheus text exposition format 0.0.4).
     *
     * @param destinations each configured volume's destinations (tool instance names), in config order
     */
    public static String render(Map<String, List<String>> destinations, LedgerSnapshot ledger) {
        List<String> out = new ArrayList<>();
        family(out, "rdump_last_success_timestamp_seconds", "gauge", "Unix time of the newest successful backup of"
                + " the volume to the destination (its run stamp); 0 if none is recorded.");
        each(destinations, (v, d) -> out.add(sample("rdump_last_success_timestamp_seconds", v, d,
                ledger.lastSuccess(v, d).map(b -> seconds(b.time())).orElse("0"))));
        family(out, "rdump_last_verified_timestamp_seconds", "gauge", "Unix time of the newest backup of the volume"
                + " in the destination that a full test restore proved restorable (its run stamp); 0 if none.");
        each(destinations, (v, d) -> out.add(sample("rdump_last_verified_timestamp_seconds", v, d,
                ledger.newestProven(v, d).map(x -> seconds(x.backupTime())).orElse("0"))));
        family(out, "rdump_backup_duration_seconds", "gauge", "How long the newest successful backup of the volume"
                + " to the destination took.");
        each(destinations, (v, d) -> ledger.lastSuccess(v, d).ifPresent(b -> out.add(sample(
                "rdump_backup_duration_seconds", v, d, String.format(Locale.ROOT, "%.3f", b.duration().toMillis()
                        / 1000.0)))));
        family(out, "rdump_backup_files", "gauge", "Files in the newest successful backup of the volume to the"
                + " destination (its manifest's count).");
        each(destinations, (v, d) -> last(ledger, v, d).filter(b -> b.files() >= 0).ifPresent(b -> out.add(sample(
                "rdump_backup_files", v, d, Long.toString(b.files())))));
        family(out, "rdump_backup_bytes", "gauge", "Bytes in the newest successful backup of the volume to the"
                + " destination (its manifest's total).");
        each(destinations, (v, d) -> last(ledger, v, d).filter(b -> b.bytes() >= 0).ifPresent(b -> out.add(sample(
                "rdump_backup_bytes", v, d, Long.toString(b.bytes())))));
        family(out, "rdump_verify_differences", "gauge", "Differences from the manifest found by the newest test"
                + " restore of the volume from the destination (0: it matched); absent if never test-restored.");
        each(destinations, (v, d) -> ledger.lastTestRestore(v, d).ifPresent(x -> out.add(sample(
                "rdump_verify_differences", v, d, x.verdict() == VerificationRecord.Verdict.FAILED ? "NaN"
                        : Long.toString(x.differences())))));
        family(out, "rdump_sample_differences", "gauge", "Differences found by sampled checks (verify --sample) of the"
                + " volume from the destination that still stand (no later full test restore or complete clean cycle);"
                + " absent if never sampled.");
        each(destinations, (v, d) -> ledger.currentCycle(v, d).ifPresent(c -> out.add(sample(
                "rdump_sample_differences", v, d, Long.toString(ledger.standingSampleDifferences(v, d)
                        .map(VerificationRecord::differences).orElse(0L))))));
        family(out, "rdump_last_fully_covered_timestamp_seconds", "gauge", "Unix time at which the newest complete"
                + " cycle of sampled checks of the volume from the destination ended; 0 if none; absent if never sampled.");
        each(destinations, (v, d) -> ledger.currentCycle(v, d).ifPresent(c -> out.add(sample(
                "rdump_last_fully_covered_timestamp_seconds", v, d, ledger.lastCompleteCycle(v, d)
                        .map(x -> seconds(x.ended())).orElse("0")))));
        family(out, "rdump_run_failures_total", "counter", "Runs in which the volume failed or was interrupted,"
                + " since the ledger was started.");
        for (String v : destinations.keySet()) {
            out.add("rdump_run_failures_total{volume=\"" + escape(v) + "\"} " + ledger.failures(v));
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * Writes {@code text} to {@code file} atomically (temporary file in the same directory, fsync,
     * rename), mode 0644.
     *
     * @throws RdumpException when it cannot be written; the temporary is removed
     */
    public static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new RdumpException("cannot write the metrics file " + file + ": " + e, e);
        }
    }

    private static Optional<BackupRecord> last(LedgerSnapshot ledger, String volume, String destination) {
        return ledger.lastSuccess(volume, destination);
    }

    private static void family(List<String> out, String name, String type, String help) {
        out.add("# HELP " + name + " " + help);
        out.add("# TYPE " + name + " " + type);
    }

    private interface Pair {
        void accept(String volume, String destination);
    }

    private static void each(Map<String, List<String>> destinations, Pair p) {
        destinations.forEach((v, ds) -> ds.forEach(d -> p.accept(v, d)));
    }

    private static String sample(String name, String volume, String destination, String value) {
        return name + "{volume=\"" + escape(volume) + "\",destination=\"" + escape(destination) + "\"} " + value;
    }

    private static String seconds(Instant t) {
        return Long.toString(t.getEpochSecond());
    }

    /** A label value escaped as the text format wants: backslash, double quote, line feed. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
