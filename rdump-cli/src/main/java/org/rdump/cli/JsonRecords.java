package org.rdump.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Artifact;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.LockHeldException;
import org.rdump.api.PluginException;
import org.rdump.api.PreflightException;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.Undo;
import org.rdump.api.command.Secrets;
import org.rdump.core.plan.DryRunResult;
import org.rdump.core.restore.Backup;
import org.rdump.core.restore.RestoreResult;
import org.rdump.core.run.RunResult;
import org.rdump.core.run.StepResult;
import org.rdump.core.run.VolumeResult;
import picocli.CommandLine;

/**
 * The library's typed results as JSON values (ordered maps and lists), exactly as docs/json.md
 * and docs/rdump-1.schema.json describe them: the one place that knows the JSON names. Enum
 * values are written in lower case; durations as seconds; absent values as {@code null}.
 */
final class JsonRecords {
    private JsonRecords() {
    }

    /** A run ({@code backup}, {@code verify}, {@code restore}): its verdict and every volume and step. */
    static void run(JsonDocument doc, RunResult r) {
        doc.put("dryRun", false);
        doc.put("succeeded", r.succeeded());
        doc.put("seconds", seconds(r.elapsed()));
        doc.put("stepsTotal", r.total());
        doc.put("stepsPerformed", r.performed());
        doc.put("stepsSkipped", r.skipped());
        doc.put("volumes", r.volumes().stream().map(JsonRecords::volume).toList());
        doc.put("recovered", r.recovered().stream().map(JsonRecords::undo).toList());
        doc.put("warnings", r.warnings());
        doc.put("cleanupFailures", r.cleanupFailures().stream().map(e -> redact(e.getMessage())).toList());
    }

    static Map<String, @Nullable Object> volume(VolumeResult v) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("volume", v.volume());
        m.put("outcome", lower(v.outcome()));
        m.put("error", v.error() == null ? null : redact(v.error()));
        m.put("steps", v.steps().stream().map(JsonRecords::step).toList());
        return m;
    }

    static Map<String, @Nullable Object> step(StepResult s) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("index", s.index());
        m.put("phase", lower(s.phase()));
        m.put("description", s.description());
        m.put("outcome", lower(s.outcome()));
        m.put("seconds", seconds(s.elapsed()));
        m.put("created", s.created().stream().map(JsonRecords::artifact).toList());
        m.put("files", s.files() < 0 ? null : s.files());
        m.put("bytes", s.bytes() < 0 ? null : s.bytes());
        m.put("reports", s.reports());
        m.put("warnings", s.warnings());
        m.put("error", s.error() == null ? null : redact(s.error()));
        m.put("differences", differences(s.differences()));
        return m;
    }

    static Map<String, Object> artifact(Artifact a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", lower(a.kind()));
        m.put("name", a.name());
        m.put("where", a.where());
        return m;
    }

    static List<Map<String, Object>> differences(List<IntegrityReport.Difference> differences) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (IntegrityReport.Difference d : differences) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", lower(d.change()));
            m.put("kind", d.kind());
            m.put("attributes", d.attributes());
            m.put("path", d.path());
            out.add(m);
        }
        return out;
    }

    /** A dry run: the pre-flight problems, the steps and cleanups with their argument vectors. */
    static void dryRun(JsonDocument doc, DryRunResult r) {
        doc.put("dryRun", true);
        doc.put("preflight", r.preflight().stream().map(JsonRecords::preflight).toList());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (DryRunResult.Entry e : r.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cleanup", e.cleanup());
            m.put("index", e.index());
            m.put("phase", lower(e.phase()));
            m.put("volume", e.volume());
            m.put("description", e.description());
            List<Map<String, Object>> actions = new ArrayList<>();
            for (DryRunResult.Action a : e.actions()) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("line", a.line().strip());
                j.put("argv", a.argv());
                j.put("environment", a.environment());
                actions.add(j);
            }
            m.put("actions", actions);
            steps.add(m);
        }
        doc.put("steps", steps);
        doc.put("stopped", r.stopped() == null ? null : redact(r.stopped()));
        if (r.stopped() != null) {
            doc.put("error", error("failed", "dry run stopped: " + r.stopped()));
        }
    }

    static Map<String, Object> preflight(PreflightProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("volume", p.volume());
        m.put("message", redact(p.message()));
        return m;
    }

    static Map<String, @Nullable Object> configProblem(ConfigProblem p) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line().isPresent() ? p.line().getAsInt() : null);
        m.put("column", p.column().isPresent() ? p.column().getAsInt() : null);
        m.put("keyPath", p.keyPath().orElse(null));
        m.put("message", p.message());
        m.put("hint", p.hint().orElse(null));
        return m;
    }

    static Map<String, @Nullable Object> restore(RestoreResult r) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("backup", backup(r.backup()));
        m.put("target", r.target().toString());
        m.put("paths", r.paths());
        m.put("restored", r.restored());
        m.put("checked", r.checked());
        m.put("manifestVersion", r.manifestVersion());
        m.put("verdict", lower(r.verdict()));
        m.put("differences", differences(r.differences().differences()));
        return m;
    }

    /** A sampled check ({@code verify --sample}): the slice of its cycle, what it checked and found. */
    static Map<String, @Nullable Object> sample(org.rdump.core.sample.SampleStep s) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        var run = s.sample().orElse(null);
        var report = s.report().orElse(null);
        m.put("volume", s.volume());
        m.put("destination", s.target().name());
        m.put("type", s.target().tool());
        m.put("stamp", run == null ? null : run.archive().stamp());
        m.put("cycle", run == null ? null : run.cycle());
        m.put("newCycle", run == null ? null : !run.continued());
        m.put("entries", run == null ? null : run.entries());
        m.put("checked", run == null ? null : run.paths().size());
        m.put("completesCycle", run == null ? null : run.completes());
        m.put("manifestVersion", run == null ? null : run.manifestVersion());
        m.put("paths", run == null ? List.of() : run.paths());
        m.put("verdict", report == null ? "failed" : report.clean() ? "matches" : "differs");
        m.put("differences", report == null ? List.of() : differences(report.differences()));
        return m;
    }

    static Map<String, @Nullable Object> backup(Backup b) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("volume", b.volume());
        m.put("stamp", b.stamp());
        m.put("time", b.time().toString());
        m.put("tool", b.target().name());
        m.put("type", b.target().tool());
        m.put("id", b.archive().id());
        m.put("where", b.where());
        m.put("size", b.size() < 0 ? null : b.size());
        m.put("manifestVersion", b.manifest());
        return m;
    }

    static Map<String, Object> undo(Undo u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", u.kind());
        m.put("identity", u.identity());
        m.put("volume", u.volume());
        m.put("manual", u.manual());
        return m;
    }

    /**
     * An error as the {@code error} member: its type (one word per exit code, see
     * docs/json.md), its message, and for a configuration error each problem.
     */
    static Map<String, @Nullable Object> error(Throwable e) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("type", errorType(e));
        m.put("message", redact(e.getMessage() == null ? e.toString() : e.getMessage()));
        if (e instanceof ConfigException c) {
            m.put("problems", c.problems().stream().map(JsonRecords::configProblem).toList());
        }
        if (e instanceof PreflightException p) {
            m.put("preflight", p.problems().stream().map(JsonRecords::preflight).toList());
        }
        if (e instanceof DifferencesFoundException d) {
            m.put("differences", differences(d.volumeReport().differences()));
        }
        return m;
    }

    /** An error that is a result, not an exception (a check that found differences). */
    static Map<String, @Nullable Object> error(String type, String message) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("message", redact(message));
        return m;
    }

    static String errorType(Throwable e) {
        if (e instanceof CommandLine.ParameterException) {
            return "usage";
        }
        if (e instanceof ConfigException) {
            return "config";
        }
        if (e instanceof PluginException) {
            return "plugin";
        }
        if (e instanceof PreflightException) {
            return "preflight";
        }
        if (e instanceof LockHeldException) {
            return "lock";
        }
        if (e instanceof DifferencesFoundException) {
            return "differences";
        }
        if (e instanceof RunInterruptedException) {
            return "interrupted";
        }
        return e instanceof org.rdump.api.RdumpException ? "failed" : "internal";
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String redact(@Nullable String s) {
        return Secrets.redact(String.valueOf(s));
    }
}
