package org.rdump.integrity.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AttributesTest {
    @Property(tries = 500)
    void ofSortedIsWhatOfBuildsFromTheSameMap(@ForAll @Size(max = 12) Map<@AlphaChars @StringLength(min = 1, max = 8) String,
            @AlphaChars @NumericChars @StringLength(max = 12) String> map) {
        TreeMap<String, String> sorted = new TreeMap<>(map);
        String[] keys = sorted.keySet().toArray(new String[0]);
        String[] values = sorted.values().toArray(new String[0]);
        Attributes fast = Attributes.ofSorted(keys, values);
        assertThat(fast).isEqualTo(Attributes.of(map)).hasSameHashCodeAs(Attributes.of(map));
        assertThat(fast.toString()).isEqualTo(Attributes.of(map).toString());
        if (keys.length > 0) {
            keys[0] = "changed";
            values[0] = "changed";
            assertThat(fast).as("the arrays are copied").isEqualTo(Attributes.of(map));
        }
    }

    @Test
    void ofSortedRefusesWhatOfWouldNeverBuild() {
        assertThatThrownBy(() -> Attributes.ofSorted(new String[] {"size", "kind"}, new String[] {"1", "file"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"size\" before \"kind\"");
        assertThatThrownBy(() -> Attributes.ofSorted(new String[] {"kind", "kind"}, new String[] {"dir", "file"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> Attributes.ofSorted(new String[] {"kind"}, new String[] {"a b"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value of attribute kind");
        assertThatThrownBy(() -> Attributes.ofSorted(new String[] {"kind"}, new String[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 names but 0 values");
    }
}
