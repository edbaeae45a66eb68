package org.rdump.api.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the machine output of the programs plugins drive (borg's {@code --json} and
 * {@code --log-json}, {@code lvs --reportformat json}) and the weave header into plain values,
 * with jackson-core's streaming parser (one jar, no dependencies), so that a plugin needs no JSON
 * library of its own. Pure and thread-safe.
 *
 * <p>Objects become {@code Map<String, Object>} in document order, arrays {@code List<Object>},
 * strings {@code String}, integral numbers {@code Long} (or {@code Double} when they do not
 * fit), other numbers {@code Double}, booleans {@code Boolean}, and {@code null} the constant
 * {@link #NULL}. Malformed input is an {@link IllegalArgumentException} giving the offset.
 *
 * @since 0.1
 */
public final class Json {
    /** JSON's {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final int MAX_DEPTH = 64;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private Json() {
    }

    /**
     * A string as a JSON string literal, as serde_json writes it (so the weave header stays
     * byte-compatible with rsure's): {@code \"} and {@code \\}, the short forms for backspace, form
     * feed, newline, carriage return and tab, lower-case backslash-u-00xx for the other control
     * characters, and every other character as it is.
     *
     * @param s the string; never null
     * @return the literal, quotes included
     * @since 0.6
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Parses one JSON value, allowing white space around it and nothing else.
     *
     * @param text the JSON text; never null
     * @return a {@code Map<String, Object>} (in document order), {@code List<Object>}, {@code String},
     *     {@code Long} or {@code Double}, {@code Boolean}, or {@link #NULL}
     * @throws IllegalArgumentException when the text is not one JSON value, giving the offset
     */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw malformed(p.currentLocation().getCharOffset(), "unexpected end of input");
            }
            Object v = value(p, first);
            if (p.nextToken() != null) {
                throw malformed(p.currentTokenLocation().getCharOffset(), "unexpected text after the value");
            }
            return v;
        } catch (StreamReadException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw malformed(at, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a String
        }
    }

    /**
     * The object {@code text} holds, for lines that may or may not be JSON (e.g. borg's
     * {@code --log-json} output mixed with plain lines).
     *
     * @param text the line; never null
     * @return the object's members; never null, empty when the text is not a JSON object
     */
    public static Optional<Map<String, Object>> parseObject(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(asMap(parse(t)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A parsed value as an object, for reading a document whose shape is known.
     *
     * @param o a value {@link #parse} returned; never null
     * @return the object's members, in document order
     * @throws IllegalArgumentException if {@code o} is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object o) {
        if (o instanceof Map) {
            return (Map<String, Object>) o;
        }
        throw new IllegalArgumentException("expected a JSON object, found " + o);
    }

    /**
     * A parsed value as an array, for reading a document whose shape is known.
     *
     * @param o a value {@link #parse} returned; never null
     * @return the array's elements
     * @throws IllegalArgumentException if {@code o} is not a JSON array
     */
    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object o) {
        if (o instanceof List) {
            return (List<Object>) o;
        }
        throw new IllegalArgumentException("expected a JSON array, found " + o);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    l.add(value(p, n));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return p.getDoubleValue();
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw malformed(p.currentTokenLocation().getCharOffset(), "unexpected " + t);
        }
    }

    private static IllegalArgumentException malformed(long offset, String what) {
        return new IllegalArgumentException("malformed JSON at offset " + offset + ": " + what);
    }
}
