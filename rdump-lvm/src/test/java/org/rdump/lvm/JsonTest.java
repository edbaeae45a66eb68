package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse(" {\"s\":\"x\", \"n\":-1.5e2, \"t\":true, \"f\":false, \"z\":null, \"a\":[1,[],{}]} ");

        assertThat(v).isEqualTo(Map.of("s", "x", "n", new BigDecimal("-1.5e2"), "t", true, "f", false,
                "z", Json.NULL, "a", List.of(new BigDecimal("1"), List.of(), Map.of())));
    }

    @Test
    void keepsKeyOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse("{\"b\":1,\"a\":2,\"c\":3}");

        assertThat(m.keySet()).containsExactly("b", "a", "c");
    }

    @Test
    void decodesEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "\"abc",
            "\"\\x\"", "\"\\u12\"", "[1] 2", "{1:2}", "\"a\nb\"", "nul"})
    void rejectsMalformedInput(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);

        assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nested deeper than 64");
    }

    @Property
    void stringsSurviveEncodingAndParsing(@ForAll String s) {
        assertThat(Json.parse(encode(s))).isEqualTo(s);
    }

    @Property
    void integersSurviveParsing(@ForAll long n) {
        assertThat(Json.parse(Long.toString(n))).isEqualTo(new BigDecimal(n));
    }

    /** A JSON encoder for the property: escapes quotes, backslashes and control characters. */
    private static String encode(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
