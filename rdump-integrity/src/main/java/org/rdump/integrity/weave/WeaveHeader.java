package org.rdump.integrity.weave;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The first line of a weave: byte 0x01, {@code t}, then JSON
 * {@code {"version":1,"deltas":[{"name":..,"number":..,"tags":{..},"time":..},..]}} in exactly
 * the field order and escaping serde_json gives. Lines are ISO-8859-1 strings (one char per byte);
 * the JSON itself is UTF-8.
 */
final class WeaveHeader {
    static final String PREFIX = "\u0001t";
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        JsonNode root;
        try {
            root = MAPPER.readTree(line.substring(2).getBytes(StandardCharsets.ISO_8859_1));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad header: invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != 1) {
            throw new IllegalArgumentException("bad header: expected {\"version\":1,...}");
        }
        JsonNode deltas = root.path("deltas");
        if (!deltas.isArray()) {
            throw new IllegalArgumentException("bad header: \"deltas\" is not an array");
        }
        List<DeltaInfo> out = new ArrayList<>();
        for (JsonNode d : deltas) {
            JsonNode name = d.get("name");
            JsonNode number = d.get("number");
            JsonNode time = d.get("time");
            JsonNode tags = d.path("tags");
            if (name == null || !name.isTextual() || number == null || !number.canConvertToInt()
                    || time == null || !time.isTextual() || !(tags.isObject() || tags.isMissingNode())) {
                throw new IllegalArgumentException("bad header: malformed delta " + d);
            }
            Map<String, String> t = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                t.put(e.getKey(), e.getValue().asText());
            }
            Instant when;
            try {
                when = OffsetDateTime.parse(time.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad header: bad time \"" + time.asText() + "\"", e);
            }
            try {
                out.add(new DeltaInfo(number.asInt(), name.asText(), t, when));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad header: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Renders the header line (ISO-8859-1 string of the UTF-8 JSON, without newline). */
    static String render(List<DeltaInfo> deltas) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(bos)) {
            g.setCharacterEscapes(SerdeEscapes.INSTANCE);
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeArrayFieldStart("deltas");
            for (DeltaInfo d : deltas) {
                g.writeStartObject();
                g.writeStringField("name", d.name());
                g.writeNumberField("number", d.number());
                g.writeObjectFieldStart("tags");
                for (Map.Entry<String, String> e : d.tags().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeStringField("time", formatTime(d.time()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PREFIX + bos.toString(StandardCharsets.ISO_8859_1);
    }

    /** RFC 3339 UTC with nine fraction digits, as rsure (chrono) writes its clock's times. */
    static String formatTime(Instant t) {
        return TIME.format(t);
    }

    /** serde_json's escaping: short forms for \b \f \n \r \t, lower-case \\u00xx for other controls. */
    private static final class SerdeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final SerdeEscapes INSTANCE = new SerdeEscapes();
        private final int[] table = standardAsciiEscapesForJSON();

        SerdeEscapes() {
            for (int c = 0; c < 32; c++) {
                if (c != '\b' && c != '\f' && c != '\n' && c != '\r' && c != '\t') {
                    table[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public @Nullable SerializableString getEscapeSequence(int ch) {
            // Jackson asks for non-ASCII chars too: those stay raw UTF-8 as in serde_json
            return ch < 32 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
