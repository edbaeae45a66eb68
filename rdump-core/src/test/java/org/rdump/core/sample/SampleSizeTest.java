package org.rdump.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleSizeTest {
    private static final String HINT = "; give a share of the backup's entries such as 5% (more than 0%, at most 100%)"
            + " or a number of entries such as 1000";

    @Test
    void aShareIsRoundedUpAndNeverZero() {
        assertThat(SampleSize.parse("25%").of(28)).isEqualTo(7);
        assertThat(SampleSize.parse("25%").of(26)).isEqualTo(7);
        assertThat(SampleSize.parse("5%").of(1_000_000)).isEqualTo(50_000);
        assertThat(SampleSize.parse("0.001%").of(10)).isEqualTo(1);
        assertThat(SampleSize.parse("100%").of(10)).isEqualTo(10);
        assertThat(SampleSize.parse("100%").everything()).isTrue();
        assertThat(SampleSize.parse("99.9%").everything()).isFalse();
    }

    @Test
    void aCountIsAtMostEveryEntry() {
        assertThat(SampleSize.parse("1000").of(28)).isEqualTo(28);
        assertThat(SampleSize.parse("3").of(28)).isEqualTo(3);
        assertThat(SampleSize.parse("3").everything()).isFalse();
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> SampleSize.parse("0")).hasMessage("--sample 0: a sample of 0 entries checks nothing" + HINT);
        assertThatThrownBy(() -> SampleSize.parse("0%")).hasMessage("--sample 0%: a sample of 0% checks nothing" + HINT);
        assertThatThrownBy(() -> SampleSize.parse("101%")).hasMessage("--sample 101%: more than 100%" + HINT);
        assertThatThrownBy(() -> SampleSize.parse("abc")).hasMessage("--sample abc: not a number of entries or a share"
                + HINT);
        assertThatThrownBy(() -> SampleSize.parse("x%")).hasMessage("--sample x%: not a number of entries or a share"
                + HINT);
        assertThatThrownBy(() -> SampleSize.parse("-5")).isInstanceOf(IllegalArgumentException.class);
    }
}
