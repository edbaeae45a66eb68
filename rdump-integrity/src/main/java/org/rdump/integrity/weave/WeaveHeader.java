package org.rdump.integrity.weave;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rdump.api.support.Json;
import org.rdump.integrity.internal.Messages;

/**
 * The first line of a weave: byte 0x01, {@code t}, then JSON
 * {@code {"version":1,"deltas":[{"name":..,"number":..,"tags":{..},"time":..},..]}} in exactly
 * the field order and escaping serde_json gives. Lines are ISO-8859-1 strings (one char per byte);
 * the JSON itself is UTF-8.
 *
 * <p>Read with rdump-api's small JSON reader and written by hand: Jackson cost every
 * {@code rdump sure} invocation about 0.13 s of class loading (408 classes) for one line.
 */
final class WeaveHeader {
    static final String PREFIX = "\u0001t";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private WeaveHeader() {}

    /**
     * @param line the first line as an ISO-8859-1 string
     * @return the deltas, oldest first
     * @throws IllegalArgumentException with the problem when the line is not a valid header
     */
    static List<DeltaInfo> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("bad header: the first line does not start with ^At (no rsure header)");
        }
        String json = new String(line.substring(2).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        Object root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad header: invalid JSON: " + Messages.describe(e), e);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("version") instanceof Long v) || v != 1) {
            throw new IllegalArgumentException("bad header: expected {\"version\":1,...}");
        }
        if (!(top.get("deltas") instanceof List<?> deltas)) {
            throw new IllegalArgumentException("bad header: \"deltas\" is not an array");
        }
        // rsure writes version 1 together with the file (RSURE-FORMAT.md §6: "number starts at 1"; a new
        // file holds ^AI 1), so an empty list is damage, not "no previous version": treating it as empty
        // would let an update write version 1 over a body that may still hold other versions' lines.
        if (deltas.isEmpty()) {
            throw new IllegalArgumentException("bad header: it lists no versions (\"deltas\":[]), but an rsure manifest"
                    + " always holds version 1; the file is damaged: restore the backup (.bak) file or move this one away"
                    + " to start a new manifest");
        }
        List<DeltaInfo> out = new ArrayList<>();
        java.util.Set<Long> numbers = new java.util.HashSet<>();
        for (Object o : deltas) {
            if (!(o instanceof Map<?, ?> d) || !(d.get("name") instanceof String name)
                    || !(d.get("number") instanceof Long number) || number > Integer.MAX_VALUE
                    || !(d.get("time") instanceof String time)
                    || !(d.get("tags") == null || d.get("tags") instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("bad header: malformed delta " + o);
            }
            if (!numbers.add(number)) {
                throw new IllegalArgumentException("bad header: version " + number + " is listed twice (delta numbers"
                        + " must be unique); the file is damaged: restore the backup (.bak) file");
            }
            Map<String, String> t = new TreeMap<>();
            if (d.get("tags") instanceof Map<?, ?> tags) {
                tags.forEach((k, val) -> t.put(String.valueOf(k), String.valueOf(val)));
            }
            Instant when;
            try {
                when = OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad header: bad time \"" + time + "\"", e);
            }
            try {
                out.add(new DeltaInfo(number.intValue(), name, t, when));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad header: " + Messages.describe(e), e);
            }
        }
        return out;
    }

    /** Renders the header line (ISO-8859-1 string of the UTF-8 JSON, without newline). */
    static String render(List<DeltaInfo> deltas) {
        StringBuilder b = new StringBuilder("{\"version\":1,\"deltas\":[");
        for (int i = 0; i < deltas.size(); i++) {
            DeltaInfo d = deltas.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"name\":");
            string(b, d.name());
            b.append(",\"number\":").append(d.number()).append(",\"tags\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(d.tags()).entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, e.getKey());
                b.append(':');
                string(b, e.getValue());
            }
            b.append("},\"time\":");
            string(b, formatTime(d.time()));
            b.append('}');
        }
        b.append("]}");
        return PREFIX + new String(b.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A JSON string as serde_json writes it ({@link Json#quote}). */
    private static void string(StringBuilder b, String s) {
        b.append(Json.quote(s));
    }

    /** RFC 3339 UTC with nine fraction digits, as rsure (chrono) writes its clock's times. */
    static String formatTime(Instant t) {
        return TIME.format(t);
    }
}
