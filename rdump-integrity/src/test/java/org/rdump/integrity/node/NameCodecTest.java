package org.rdump.integrity.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NameCodecTest {
    @Property(tries = 2000)
    void anyBytesRoundTrip(@ForAll byte[] raw) {
        String e = NameCodec.escape(raw);
        assertThat(NameCodec.unescape(e)).isEqualTo(raw);
        assertThat(e).doesNotContain(" ", "[", "]", "\n");
        assertThat(e.chars()).allMatch(c -> c >= '!' && c <= '~');
        assertThat(NodeName.fromEscaped(e)).isEqualTo(NodeName.of(raw));
        assertThat(NodeName.fromEscaped(e).escaped()).isEqualTo(e);
        assertThat(NameCodec.isCanonical(e)).isTrue();
    }

    @Test
    void escapesExactlyAsRsure() {
        assertThat(NameCodec.escape("with space.txt".getBytes(StandardCharsets.UTF_8))).isEqualTo("with=20space.txt");
        assertThat(NameCodec.escape("br[ack]et.txt".getBytes(StandardCharsets.UTF_8))).isEqualTo("br=5back=5det.txt");
        assertThat(NameCodec.escape("café.txt".getBytes(StandardCharsets.UTF_8))).isEqualTo("caf=c3=a9.txt");
        assertThat(NameCodec.escape(new byte[] {'x', '=', 'y'})).isEqualTo("x=3dy");
        assertThat(NameCodec.escape("back\\slash quo\"te".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("back\\slash=20quo\"te");
        assertThat(NameCodec.escape(new byte[] {'n', '\n', (byte) 0xff, 0x7f})).isEqualTo("n=0a=ff=7f");
    }

    @Test
    void decodesUpperCaseToNonUtf8Bytes() {
        assertThat(NameCodec.unescape("dir-=FF")).containsExactly('d', 'i', 'r', '-', 0xff);
        NodeName n = NodeName.fromEscaped("latin1-=E9.txt");
        assertThat(n.escaped()).isEqualTo("latin1-=e9.txt");
        assertThat(n.bytes()[7]).isEqualTo((byte) 0xe9);
        assertThat(n).isEqualTo(NodeName.fromEscaped("latin1-=e9.txt")).hasSameHashCodeAs(NodeName.fromEscaped("latin1-=e9.txt"));
    }

    @Test
    void rejectsDanglingAndBadHex() {
        assertThatThrownBy(() -> NameCodec.unescape("abc=4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dangling '=' at offset 3");
        assertThatThrownBy(() -> NodeName.fromEscaped("ab=")).hasMessage("dangling '=' at offset 2");
        assertThatThrownBy(() -> NameCodec.unescape("a=g1")).hasMessage("bad hex digit 'g' after '=' at offset 1");
        assertThatThrownBy(() -> NameCodec.unescape("a=1z")).hasMessage("bad hex digit 'z' after '=' at offset 1");
    }

    @Test
    void ordersDiffer() {
        NodeName space = NodeName.of("x y".getBytes(StandardCharsets.US_ASCII));
        NodeName dash = NodeName.of("x-y".getBytes(StandardCharsets.US_ASCII));
        assertThat(NodeName.RAW_ORDER.compare(space, dash)).isNegative();
        assertThat(NodeName.ESCAPED_ORDER.compare(space, dash)).isPositive();
        assertThat(NodeName.RAW_ORDER.compare(NodeName.of(new byte[] {(byte) 0xff}), dash)).isPositive();
    }
}
