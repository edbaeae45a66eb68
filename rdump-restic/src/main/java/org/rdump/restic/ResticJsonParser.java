package org.rdump.restic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdump.api.support.Json;

/**
 * Reads restic's {@code --json} output: the lines of {@code restic backup --json} (status,
 * summary, errors), {@code snapshots --json}, {@code forget --dry-run --json},
 * {@code stats --json} and {@code ls --json}. Pure and thread-safe. Unknown fields are ignored;
 * a missing number reads as -1.
 */
final class ResticJsonParser {
    private ResticJsonParser() {
    }

    /** A line of {@code restic backup --json} rdump acts on. */
    sealed interface BackupLine permits Status, Summary, ItemError { }

    /** A {@code status} line: the totals so far ({@code total_*} are restic's scan so far, or in all once it is done). */
    record Status(double percentDone, long filesDone, long totalFiles, long bytesDone, long totalBytes,
                  long secondsRemaining) implements BackupLine { }

    /** The {@code summary} line: what the snapshot holds and what the run added. */
    record Summary(String snapshotId, long filesNew, long filesChanged, long filesUnmodified, long dataAdded,
                   long totalFiles, long totalBytes, double durationSeconds) implements BackupLine { }

    /**
     * An {@code error} line (on standard error): an item restic could not read, and when
     * ({@code scan} or {@code archival}); {@code message} is what restic's JSON says of the error
     * ({@code open b: permission denied}), possibly empty (restic 0.14 often writes {@code {}}).
     */
    record ItemError(String during, String item, String message) implements BackupLine { }

    /** One snapshot of {@code restic snapshots --json}; {@code time} as restic writes it (RFC 3339). */
    record Snapshot(String id, String shortId, String time, String hostname, List<String> tags, List<String> paths) {
        Snapshot {
            tags = List.copyOf(tags);
            paths = List.copyOf(paths);
        }

        /** The value of the first tag {@code PREFIXvalue}, if any. */
        Optional<String> tag(String prefix) {
            return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst();
        }
    }

    /** One node of {@code restic ls --json}: restic's type ({@code dir}, {@code file}, {@code symlink}...) and its path from the snapshot's root ({@code /a/b}). */
    record Node(String type, String path) { }

    /** One line of {@code restic backup --json} output; empty for any other line (and for plain text). */
    static Optional<BackupLine> backupLine(String line) {
        Optional<Map<String, Object>> parsed = Json.parseObject(line);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = parsed.get();
        Object type = m.get("message_type");
        if ("status".equals(type)) {
            return Optional.of(new Status(decimal(m, "percent_done"), number(m, "files_done"), number(m, "total_files"),
                    number(m, "bytes_done"), number(m, "total_bytes"), number(m, "seconds_remaining")));
        }
        if ("summary".equals(type)) {
            return Optional.of(new Summary(m.get("snapshot_id") instanceof String id ? id : "",
                    number(m, "files_new"), number(m, "files_changed"), number(m, "files_unmodified"),
                    number(m, "data_added"), number(m, "total_files_processed"), number(m, "total_bytes_processed"),
                    decimal(m, "total_duration")));
        }
        if ("error".equals(type)) {
            return Optional.of(new ItemError(m.get("during") instanceof String d ? d : "",
                    m.get("item") instanceof String i ? i : "", errorText(m.get("error"))));
        }
        return Optional.empty();
    }

    /**
     * What restic's JSON says of an error: its {@code message} when there is one, else Go's
     * {@code PathError} fields ({@code Op}, {@code Path}, {@code Err} as an errno) as
     * {@code open b: permission denied}; empty when it says nothing ({@code {}}).
     */
    static String errorText(Object error) {
        if (error instanceof String s) {
            return s;
        }
        if (!(error instanceof Map<?, ?>)) {
            return "";
        }
        Map<String, Object> e = Json.asMap(error);
        if (e.get("message") instanceof String s) {
            return s;
        }
        String op = e.get("Op") instanceof String o ? o : "";
        String path = e.get("Path") instanceof String p ? p : "";
        String err = e.get("Err") instanceof Number n ? errno(n.intValue()) : e.get("Err") instanceof String s ? s : "";
        String where = (op + " " + path).strip();
        return where.isEmpty() ? err : err.isEmpty() ? where : where + ": " + err;
    }

    private static String errno(int n) {
        return switch (n) {
            case 1 -> "operation not permitted";
            case 2 -> "no such file or directory";
            case 5 -> "input/output error";
            case 13 -> "permission denied";
            case 20 -> "not a directory";
            case 21 -> "is a directory";
            case 24 -> "too many open files";
            default -> "errno " + n;
        };
    }

    /**
     * Parses the standard output of {@code restic snapshots --json}, in restic's order (oldest first).
     *
     * @throws IllegalArgumentException when it is not restic's snapshot list
     */
    static List<Snapshot> snapshots(String stdout) {
        List<Snapshot> out = new ArrayList<>();
        String text = stdout.strip();
        if (text.isEmpty() || text.equals("null")) {
            return List.of();
        }
        for (Object o : Json.asList(Json.parse(text))) {
            Map<String, Object> s = Json.asMap(o);
            String id = text(s, "id");
            out.add(new Snapshot(id, s.get("short_id") instanceof String sh ? sh : id.substring(0, Math.min(8, id.length())),
                    text(s, "time"), s.get("hostname") instanceof String h ? h : "", strings(s.get("tags")),
                    strings(s.get("paths"))));
        }
        return List.copyOf(out);
    }

    /**
     * The ids of the snapshots {@code restic forget --dry-run --json} says it would remove, over
     * every group, in its order.
     *
     * @throws IllegalArgumentException when it is not restic's forget report
     */
    static List<String> wouldRemove(String stdout) {
        List<String> out = new ArrayList<>();
        String text = stdout.strip();
        if (text.isEmpty() || text.equals("null")) {
            return List.of();
        }
        for (Object group : Json.asList(Json.parse(text))) {
            Object remove = Json.asMap(group).get("remove");
            if (remove == null || remove == Json.NULL) {
                continue;
            }
            for (Object s : Json.asList(remove)) {
                out.add(text(Json.asMap(s), "id"));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The {@code total_size} of {@code restic stats --json}, -1 when missing.
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    static long totalSize(String stdout) {
        return number(Json.asMap(Json.parse(stdout.strip())), "total_size");
    }

    /**
     * The nodes of {@code restic ls --json} (its first line, the snapshot, is skipped), in restic's order.
     *
     * @throws IllegalArgumentException when a line is not one of restic's
     */
    static List<Node> nodes(String stdout) {
        List<Node> out = new ArrayList<>();
        for (String line : stdout.lines().filter(l -> !l.isBlank()).toList()) {
            Map<String, Object> m = Json.parseObject(line)
                    .orElseThrow(() -> new IllegalArgumentException("not a restic ls --json line: " + line));
            if ("snapshot".equals(m.get("struct_type"))) {
                continue;
            }
            out.add(new Node(text(m, "type"), text(m, "path")));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(Object o) {
        if (o == null || o == Json.NULL) {
            return List.of();
        }
        return Json.asList(o).stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static String text(Map<String, Object> m, String key) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("restic's JSON has no string field '" + key + "'");
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : -1;
    }

    private static double decimal(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : -1;
    }
}
