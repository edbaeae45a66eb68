package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WeaveHeaderTest {
    @Test
    void rendersFieldsAndEscapesAsSerdeJson() {
        DeltaInfo d = new DeltaInfo(7, "n\"a\\me/é", Map.of("z", "\u0001\u001f\t\n\u007f", "a", "x", "name", "dropped"),
                Instant.parse("2026-11-23T14:23:55.000000001Z"));
        String line = WeaveHeader.render(List.of(d));
        String json = new String(line.substring(2).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertThat(line).startsWith("\u0001t");
        assertThat(json).isEqualTo("{\"version\":1,\"deltas\":[{\"name\":\"n\\\"a\\\\me/é\",\"number\":7,"
                + "\"tags\":{\"a\":\"x\",\"z\":\"\\u0001\\u001f\\t\\n\u007f\"},\"time\":\"2026-11-23T14:23:55.000000001Z\"}]}");
        assertThat(WeaveHeader.parse(line)).containsExactly(d);
    }

    @Test
    void parsesOffsetsAndShortFractions() {
        String line = "\u0001t{\"version\":1,\"deltas\":[{\"name\":\"2026-11-23T14:13:00.801025060+00:00\",\"number\":1,"
                + "\"tags\":{},\"time\":\"2026-11-23T14:13:00.8+01:00\"}]}";
        DeltaInfo d = WeaveHeader.parse(line).get(0);
        assertThat(d.time()).isEqualTo(Instant.parse("2026-11-23T13:13:00.800Z"));
        assertThat(WeaveHeader.formatTime(d.time())).isEqualTo("2026-11-23T13:13:00.800000000Z");
    }

    @Property(tries = 300)
    void roundTrips(@ForAll String name, @ForAll Map<String, String> tags, @ForAll long nanos) {
        Instant t = Instant.ofEpochSecond(0, Math.floorMod(nanos, 4_000_000_000_000_000_000L));
        DeltaInfo d = new DeltaInfo(1, name, tags, t);
        DeltaInfo e = new DeltaInfo(2, name, tags, t);
        assertThat(WeaveHeader.parse(WeaveHeader.render(List.of(d, e)))).containsExactly(d, e);
    }
}
