package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.of(1, "file")).isEqualTo("1 file");
        assertThat(Plural.of(0, "warning")).isEqualTo("0 warnings");
        assertThat(Plural.of(2, "entry", "entries")).isEqualTo("2 entries");
        assertThat(Plural.of(1, "entry", "entries")).isEqualTo("1 entry");
    }

    @Property
    void theCountIsShownAsIsAndOnlyOneIsSingular(@ForAll long n) {
        assertThat(Plural.of(n, "step")).isEqualTo(n + (n == 1 ? " step" : " steps"));
    }
}
