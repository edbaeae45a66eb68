package org.rdump.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Ages as written in the config and on the command line, and as shown. */
class DurationsTest {

    @Test
    void unitsAddUp() {
        assertThat(Durations.parse("26h")).isEqualTo(Duration.ofHours(26));
        assertThat(Durations.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse(" 90M ")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Durations.parse("26")).hasMessage("expected an age such as 26h, 8d, 1d12h or 90m"
                + " (units s, m, h, d, w), found '26'");
        assertThatThrownBy(() -> Durations.parse("-1d")).isInstanceOf(IllegalArgumentException.class);
    }

    /** What is shown reads back as at most the age, and less than one shown unit below it. */
    @Property
    void aShownAgeReadsBackToWithinItsLastUnit(@ForAll @LongRange(min = 0, max = 400L * 86400) long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        Duration back = Durations.parse(Durations.format(d));
        Duration unit = seconds < 60 ? Duration.ofSeconds(1) : seconds < 3600 ? Duration.ofMinutes(1)
                : seconds < 48 * 3600 ? Duration.ofMinutes(1) : Duration.ofHours(1);
        assertThat(back).isLessThanOrEqualTo(d);
        assertThat(d.minus(back)).isLessThan(unit);
    }

    /** Perfdata labels are quoted when they must be, and the item always has the plugin form. */
    @Property
    void aPerfdataItemHasThePluginForm(@ForAll("labels") String label, @ForAll @LongRange(min = 0) long value) {
        String item = StatusCheck.metric(label, value + "s", "93600", "", "0");
        assertThat(item).matches("('([^']|'')+'|[^ ='\"]+)=\\d+s;93600;;0");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> labels() {
        return net.jqwik.api.Arbitraries.strings().withChars("abz09_.- ='\"").ofMinLength(1).ofMaxLength(20);
    }
}
