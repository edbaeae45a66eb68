package org.rdump.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;
import org.rdump.api.support.ByteSizes;
import org.rdump.core.Rdump;
import org.rdump.core.ledger.BackupRecord;
import org.rdump.core.ledger.SampleCoverage;
import org.rdump.core.ledger.SampleCycle;
import org.rdump.core.ledger.VerificationRecord;
import org.rdump.api.support.Plural;
import org.rdump.core.ledger.VolumeOutcome;
import org.rdump.core.restore.RestoreTime;
import org.rdump.core.status.DestinationStatus;
import org.rdump.core.status.Durations;
import org.rdump.core.status.State;
import org.rdump.core.status.StatusCheck;
import org.rdump.core.status.StatusReport;
import org.rdump.core.status.StatusThresholds;
import org.rdump.core.status.VolumeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rdump status [NAME...] [--json] [--check [--max-age AGE] [--max-unverified AGE]]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show, from the ledger, each volume's last successful backup per destination and its age,"
                + " its last failure, and its newest backup proven restorable. With --check, print one"
                + " monitoring-plugins line (RDUMP OK - ... | perfdata) and exit 0 OK, 1 WARNING, 2 CRITICAL,"
                + " 3 UNKNOWN.")
final class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    RdumpCommand top;

    @Option(names = "--check", description = "Monitoring mode: one summary line with perfdata, then one line per"
            + " volume; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
    boolean check;

    @Option(names = "--max-age", paramLabel = "AGE", description = "Warn when a destination's last successful"
            + " backup is older (default 26h; a volume's max_age overrides it).")
    @Nullable String maxAge;

    @Option(names = "--max-unverified", paramLabel = "AGE", description = "Warn when the newest backup proven"
            + " restorable was made longer ago (default 8d; a volume's max_unverified overrides it).")
    @Nullable String maxUnverified;

    @Option(names = "--now", hidden = true, paramLabel = "TIME", description = "Judge as at TIME (for tests).")
    @Nullable String now;


    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Volumes to show (all when none are named).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        StatusReport report;
        try {
            StatusThresholds defaults = new StatusThresholds(
                    maxAge == null ? StatusThresholds.DEFAULT_MAX_AGE : age("--max-age", maxAge),
                    maxUnverified == null ? StatusThresholds.DEFAULT_MAX_UNVERIFIED
                            : age("--max-unverified", maxUnverified));
            Rdump rdump = top.rdump(top.quietListener());
            Instant at = now == null ? rdump.clock().instant() : RestoreTime.parse(now, ZoneId.systemDefault());
            report = rdump.status(names, defaults, at);
        } catch (RuntimeException e) {
            if (!check) {
                throw e;
            }
            // a monitoring system must read UNKNOWN, not a stack trace or a config error's exit code
            top.out.println("RDUMP UNKNOWN - " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")
                    .replace('|', '/'));
            return State.UNKNOWN.exitCode();
        }
        if (top.json) {
            int exit = check ? report.state().exitCode() : ExitCode.OK;
            JsonDocument doc = JsonDocument.of("status");
            json(report).forEach(doc::put);
            return doc.put("error", exit == ExitCode.OK ? null
                    : Map.of("type", "status", "message", StatusCheck.lines(report).get(0))).print(top.out, exit);
        } else if (check) {
            StatusCheck.lines(report).forEach(top.out::println);
        } else {
            text(report).forEach(top.out::println);
        }
        return check ? report.state().exitCode() : ExitCode.OK;
    }

    private static Duration age(String option, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new StatusCommand()),
                    option + ": " + e.getMessage());
        }
    }

    static List<String> text(StatusReport r) {
        List<String> out = new ArrayList<>();
        if (r.ledgerProblem() != null) {
            out.add("UNKNOWN: " + r.ledgerProblem());
            return out;
        }
        for (VolumeStatus v : r.volumes()) {
            out.add(v.volume() + ": " + v.state() + (v.problems().isEmpty() ? "" : " - " + String.join("; ",
                    v.problems())));
            int width = v.destinations().stream().mapToInt(d -> label(d).length()).max().orElse(0) + 1;
            for (DestinationStatus d : v.destinations()) {
                String pad = " ".repeat(width + 3);
                BackupRecord b = d.lastSuccess();
                String head = String.format("  %-" + width + "s ", label(d) + ":");
                out.add(head + (b == null ? "never backed up" : "last backup " + b.stamp() + ", "
                        + ago(b.time(), r) + " (" + details(b) + ")"));
                BackupRecord a = d.lastAttempt();
                if (a != null && !a.succeeded()) {
                    out.add(pad + "last attempt " + a.stamp() + " FAILED: " + firstLine(a.error()));
                }
                VerificationRecord t = d.lastTestRestore();
                if (t != null) {
                    out.add(pad + "last test restore " + TIME.format(t.at()) + " of " + t.stamp() + ": "
                            + t.verdict().label() + (t.differences() > 0 ? " (" + org.rdump.api.support.Plural.of((int) t.differences(), "difference") + ")"
                            : "") + (t.verdict() == VerificationRecord.Verdict.FAILED ? ": " + firstLine(t.error())
                            : ""));
                }
                sampling(d, r).forEach(line -> out.add(pad + line));
            }
            VerificationRecord p = v.newestProven();
            out.add("  proven restorable: " + (p == null ? "never" : p.stamp() + " in '" + p.destination()
                    + "', made " + ago(p.backupTime(), r) + ", checked " + TIME.format(p.at())));
            VolumeOutcome f = v.lastFailure();
            out.add("  last failure: " + (f == null ? "none" : f.kind() + " run of " + TIME.format(f.started()) + " "
                    + f.outcome().label() + ": " + firstLine(f.error())));
        }
        return out;
    }

    /** The sampling lines of a destination: the last sampled check, the cycle, when it was last fully covered. */
    private static List<String> sampling(DestinationStatus d, StatusReport r) {
        VerificationRecord s = d.lastSample();
        SampleCycle c = d.cycle();
        if (s == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        SampleCoverage cov = s.sample();
        out.add("last sampled check " + TIME.format(s.at()) + (s.stamp() == null ? "" : " of " + s.stamp())
                + (cov == null ? "" : ": " + Plural.of(cov.count(), "entry", "entries") + " of " + cov.entries())
                + ", " + s.verdict().label() + (s.differences() > 0 ? " (" + Plural.of(s.differences(), "difference")
                + ")" : "") + (s.verdict() == VerificationRecord.Verdict.FAILED ? ": " + firstLine(s.error()) : ""));
        if (c != null && !c.complete()) {
            out.add("sample cycle " + c.number() + ": " + Plural.of(c.checked(), "entry", "entries") + " checked in "
                    + Plural.of(c.runs().size(), "run") + " since " + TIME.format(c.started()));
        }
        SampleCycle full = d.lastCovered();
        out.add("last fully covered: " + (full == null ? "never" : TIME.format(full.ended()) + " (cycle "
                + full.number() + ": " + Plural.of(full.checked(), "entry", "entries") + " in "
                + Plural.of(full.runs().size(), "run") + " since " + TIME.format(full.started()) + ", backup"
                + (full.firstStamp().equals(full.lastStamp()) ? " " + full.lastStamp() : "s " + full.firstStamp() + " to "
                + full.lastStamp()) + ", " + (full.clean() ? "no difference" : Plural.of(full.differences(),
                "difference")) + ")"));
        return out;
    }

    private static @Nullable Map<String, Object> cycle(@Nullable SampleCycle c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle", c.number());
        m.put("complete", c.complete());
        m.put("runs", c.runs().size());
        m.put("checked", c.checked());
        m.put("differences", c.differences());
        m.put("started", c.started().toString());
        m.put("ended", c.ended().toString());
        m.put("firstStamp", c.firstStamp());
        m.put("lastStamp", c.lastStamp());
        return m;
    }

    private static String label(DestinationStatus d) {
        BackupRecord b = d.lastAttempt();
        return d.destination() + (b == null ? "" : " (" + b.tool() + ")");
    }

    private static String details(BackupRecord b) {
        List<String> parts = new ArrayList<>();
        if (b.manifestVersion() > 0) {
            parts.add("manifest " + b.manifestVersion());
        }
        if (b.files() >= 0) {
            parts.add(b.files() + " files");
        }
        if (b.bytes() >= 0) {
            parts.add(ByteSizes.human(b.bytes()));
        }
        parts.add(String.format(java.util.Locale.ROOT, "%.1f s", b.duration().toMillis() / 1000.0));
        if (!b.warnings().isEmpty()) {
            parts.add(b.warnings().size() + " warnings");
        }
        return String.join(", ", parts);
    }

    private static String ago(@Nullable Instant t, StatusReport r) {
        return t == null ? "?" : Durations.format(Duration.between(t, r.now())) + " ago";
    }

    private static String firstLine(@Nullable String s) {
        return s == null ? "no error recorded" : ConsoleListener.firstLine(s);
    }

    static Map<String, Object> json(StatusReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", r.state().name());
        m.put("now", r.now().toString());
        m.put("ledgerProblem", r.ledgerProblem());
        m.put("summary", StatusCheck.lines(r).get(0));
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (VolumeStatus v : r.volumes()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("volume", v.volume());
            vm.put("state", v.state().name());
            vm.put("problems", v.problems());
            vm.put("maxAgeSeconds", v.thresholds().maxAge().getSeconds());
            vm.put("maxUnverifiedSeconds", v.thresholds().maxUnverified().getSeconds());
            List<Map<String, Object>> dests = new ArrayList<>();
            for (DestinationStatus d : v.destinations()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("destination", d.destination());
                dm.put("lastSuccess", backup(d.lastSuccess(), r));
                dm.put("lastAttempt", backup(d.lastAttempt(), r));
                dm.put("lastTestRestore", check(d.lastTestRestore(), r));
                dm.put("newestProven", check(d.newestProven(), r));
                dm.put("lastSample", check(d.lastSample(), r));
                dm.put("sampleCycle", cycle(d.cycle()));
                dm.put("lastFullyCovered", cycle(d.lastCovered()));
                dests.add(dm);
            }
            vm.put("destinations", dests);
            vm.put("newestProven", check(v.newestProven(), r));
            VolumeOutcome f = v.lastFailure();
            vm.put("lastFailure", f == null ? null : Map.of("kind", f.kind(), "started", f.started().toString(),
                    "outcome", f.outcome().label(), "error", String.valueOf(f.error())));
            volumes.add(vm);
        }
        m.put("volumes", volumes);
        return m;
    }

    private static @Nullable Map<String, Object> backup(@Nullable BackupRecord b, StatusReport r) {
        if (b == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stamp", b.stamp());
        m.put("tool", b.tool());
        m.put("archive", b.archive());
        m.put("time", b.time().toString());
        m.put("ageSeconds", Duration.between(b.time(), r.now()).getSeconds());
        m.put("outcome", b.outcome().label());
        m.put("error", b.error());
        m.put("manifestVersion", b.manifestVersion() < 0 ? null : b.manifestVersion());
        m.put("files", b.files() < 0 ? null : b.files());
        m.put("bytes", b.bytes() < 0 ? null : b.bytes());
        m.put("seconds", b.duration().toMillis() / 1000.0);
        m.put("warnings", b.warnings());
        m.put("sha256", b.sha256());
        return m;
    }

    static @Nullable Map<String, Object> check(@Nullable VerificationRecord v, @Nullable StatusReport r) {
        if (v == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", v.kind());
        m.put("stamp", v.stamp());
        m.put("destination", v.destination());
        m.put("at", v.at().toString());
        if (r != null && v.backupTime() != null) {
            m.put("backupAgeSeconds", Duration.between(v.backupTime(), r.now()).getSeconds());
        }
        m.put("paths", v.paths());
        m.put("checked", v.checked() < 0 ? null : v.checked());
        m.put("verdict", v.verdict().label());
        m.put("differences", v.differences());
        m.put("error", v.error());
        m.put("seconds", v.duration().toMillis() / 1000.0);
        SampleCoverage cov = v.sample();
        if (cov != null) {
            m.put("sample", Map.of("cycle", cov.cycle(), "entries", cov.entries(), "checked", cov.count(),
                    "completesCycle", cov.completes()));
        }
        return m;
    }

    /** A message for a ledger that could not be read, for {@code list}. */
    static String unreadable(RdumpException e) {
        return "rdump: warning: " + e.getMessage() + "; the VERIFIED column is empty";
    }
}
