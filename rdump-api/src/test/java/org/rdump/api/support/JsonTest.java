package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesNestedValuesInDocumentOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e3, true, false, null], \"a\": {\"x\": \"y\"}, \"big\": 123456789012345678901} ");

        Map<String, Object> m = Json.asMap(v);
        assertThat(m.keySet()).containsExactly("b", "a", "big");
        assertThat(Json.asList(m.get("b"))).containsExactly(1L, -2500.0, true, false, Json.NULL);
        assertThat(Json.asMap(m.get("a"))).containsEntry("x", "y");
        assertThat(m.get("big")).isEqualTo(1.2345678901234568E20);
    }

    @Property
    void aQuotedStringParsesBackToItself(@ForAll String s) {
        assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
    }

    @Test
    void quotesAsSerdeJsonDoes() {
        assertThat(Json.quote("a\"b\\c/d\b\f\n\r\t\u0001\u001fü😀"))
                .isEqualTo("\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001fü😀\"");
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00fc\\ud83d\\ude00\"")).isEqualTo("a\"b\\c/d\n\tü😀");
    }

    @Test
    void rejectsMalformedInputWithTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).hasMessageStartingWith("malformed JSON at offset 8: ")
                .hasMessageContaining("field name");
        assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessageStartingWith("malformed JSON at offset 3: ")
                .hasMessageContaining("expecting comma");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageStartingWith("malformed JSON at offset 5: ")
                .hasMessageContaining("end-of-input");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageStartingWith("malformed JSON at offset 4: ")
                .hasMessageContaining("Unrecognized token 'x'");
        assertThatThrownBy(() -> Json.parse("{} {}")).hasMessage("malformed JSON at offset 3: unexpected text after the value");
        assertThatThrownBy(() -> Json.parse("  ")).hasMessage("malformed JSON at offset 2: unexpected end of input");
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nesting depth").hasMessageContaining("64");
        assertThatThrownBy(() -> Json.parse("-")).hasMessageStartingWith("malformed JSON at offset");
        assertThatThrownBy(() -> Json.parse("[\"a\tb\"]")).hasMessageContaining("CTRL-CHAR");
    }

    @Test
    void parseObjectIsEmptyForOtherText() {
        assertThat(Json.parseObject("Repository /x does not exist.")).isEmpty();
        assertThat(Json.parseObject("{broken")).isEmpty();
        assertThat(Json.parseObject("[1]")).isEmpty();
        assertThat(Json.parseObject("{\"type\": \"x\"}")).contains(Map.of("type", "x"));
    }

    @Property
    void everyStringSurvivesEncoding(@ForAll String s) {
        assertThat(Json.parse(encode(s))).isEqualTo(s);
        assertThat(Json.asList(Json.parse("[" + encode(s) + "," + encode(s) + "]"))).isEqualTo(List.of(s, s));
    }

    /** An independent encoder: every char outside printable ASCII as a \\u escape. */
    private static String encode(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
