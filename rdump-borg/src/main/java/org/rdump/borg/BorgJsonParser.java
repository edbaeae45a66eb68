package org.rdump.borg;

import org.rdump.api.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads borg's machine output: the result of {@code borg create --json}, the archive list of
 * {@code borg list --json}, and the lines {@code --log-json} writes to standard error. Pure and
 * thread-safe. Unknown fields are ignored; a missing number reads as -1.
 */
final class BorgJsonParser {
    private BorgJsonParser() {
    }

    /** What {@code borg create --json} reports about the archive it made. Immutable. */
    record Created(String name, long files, long originalSize, long compressedSize, long deduplicatedSize,
                   double durationSeconds) {
        Created {
            Objects.requireNonNull(name, "name");
        }
    }

    /** One archive of {@code borg list --json}; {@code start} is borg's local time, as written. Immutable. */
    record Archive(String name, String id, String start) {
        Archive {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(start, "start");
        }
    }

    /** A {@code --log-json} line rdump acts on. */
    sealed interface LogLine permits ArchiveProgress, LogMessage { }

    /**
     * An {@code archive_progress} line of {@code borg create --progress}: the totals so far.
     * The final line ({@code finished} true) carries no totals; they read as -1.
     */
    record ArchiveProgress(long originalSize, long compressedSize, long deduplicatedSize, long files,
                           String path, double time, boolean finished) implements LogLine { }

    /** A {@code log_message} line: {@code level} is borg's level name, e.g. {@code WARNING}. */
    record LogMessage(String level, String msgid, String message) implements LogLine { }

    /**
     * Parses the standard output of {@code borg create --json}.
     *
     * @throws IllegalArgumentException when it is not borg's create report
     */
    static Created created(String stdout) {
        Map<String, Object> archive = Json.asMap(field(Json.asMap(Json.parse(stdout)), "archive"));
        Map<String, Object> stats = Json.asMap(field(archive, "stats"));
        return new Created(text(archive, "name"), number(stats, "nfiles"), number(stats, "original_size"),
                number(stats, "compressed_size"), number(stats, "deduplicated_size"), decimal(archive, "duration"));
    }

    /**
     * Parses the standard output of {@code borg list --json}, in borg's order (oldest first).
     *
     * @throws IllegalArgumentException when it is not borg's list report
     */
    static List<Archive> archives(String stdout) {
        List<Archive> out = new ArrayList<>();
        for (Object o : Json.asList(field(Json.asMap(Json.parse(stdout)), "archives"))) {
            Map<String, Object> a = Json.asMap(o);
            out.add(new Archive(text(a, "name"), a.containsKey("id") ? text(a, "id") : "",
                    a.containsKey("start") ? text(a, "start") : a.containsKey("time") ? text(a, "time") : ""));
        }
        return List.copyOf(out);
    }

    /**
     * The archives' sizes from {@code borg info --json}: {@code stats.original_size} (the bytes of
     * the files as they were backed up, before compression and deduplication) by archive name,
     * in borg's order; an archive without that number is left out.
     *
     * @throws IllegalArgumentException when it is not borg's info report
     */
    static Map<String, Long> originalSizes(String stdout) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Object o : Json.asList(field(Json.asMap(Json.parse(stdout)), "archives"))) {
            Map<String, Object> a = Json.asMap(o);
            long size = a.get("stats") instanceof Map<?, ?> ? number(Json.asMap(a.get("stats")), "original_size") : -1;
            if (size >= 0) {
                out.put(text(a, "name"), size);
            }
        }
        return out;
    }

    /** One line of {@code --log-json} output; empty for other kinds of lines and for non-JSON text. */
    static Optional<LogLine> logLine(String line) {
        Optional<Map<String, Object>> parsed = Json.parseObject(line);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = parsed.get();
        Object type = m.get("type");
        if ("archive_progress".equals(type)) {
            return Optional.of(new ArchiveProgress(number(m, "original_size"), number(m, "compressed_size"),
                    number(m, "deduplicated_size"), number(m, "nfiles"),
                    m.get("path") instanceof String p ? p : "", decimal(m, "time"),
                    Boolean.TRUE.equals(m.get("finished"))));
        }
        if ("log_message".equals(type)) {
            return Optional.of(new LogMessage(m.get("levelname") instanceof String l ? l : "",
                    m.get("msgid") instanceof String id ? id : "",
                    m.get("message") instanceof String msg ? msg : ""));
        }
        return Optional.empty();
    }

    private static Object field(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("borg's JSON has no '" + key + "' field");
        }
        return v;
    }

    private static String text(Map<String, Object> m, String key) {
        if (field(m, key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("borg's JSON field '" + key + "' is not a string");
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : -1;
    }

    private static double decimal(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : -1;
    }

    /**
     * The archive a {@code borg prune --dry-run --list} line says would be pruned
     * ({@code Would prune:   NAME   DATE [ID]}); empty for any other line.
     */
    static java.util.Optional<String> wouldPrune(String message) {
        String m = message.strip();
        if (!m.startsWith("Would prune:")) {
            return java.util.Optional.empty();
        }
        String[] rest = m.substring("Would prune:".length()).strip().split("\\s+", 2);
        return rest[0].isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rest[0]);
    }
}
