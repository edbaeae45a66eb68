package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pure syntax of {@link SystemdUnits}: quoting, time spans, names; the text of the units. */
class SystemdUnitsTest {
    @Nested
    class CommandLines {
        @Test
        void plainWordsStayAsTheyAre() {
            assertThat(SystemdUnits.commandLine(List.of("/usr/bin/rdump", "--config", "/etc/rdump/a-b_c.yaml",
                    "backup", "--verify", "home"))).isEqualTo(
                    "/usr/bin/rdump --config /etc/rdump/a-b_c.yaml backup --verify home");
        }

        @Test
        void percentAndDollarAreDoubledEverywhere() {
            assertThat(SystemdUnits.commandLine(List.of("/x/100%", "$HOME"))).isEqualTo("/x/100%% $$HOME");
            assertThat(SystemdUnits.commandLine(List.of("/a b/50% $x"))).isEqualTo("\"/a b/50%% $$x\"");
        }

        @Test
        void otherWordsAreDoubleQuotedWithBackslashAndQuoteEscaped() {
            assertThat(SystemdUnits.commandLine(List.of("/bin/x", "a \"b\"", "c\\d", "it's", ";")))
                    .isEqualTo("/bin/x \"a \\\"b\\\"\" \"c\\\\d\" \"it's\" \";\"");
        }

        @Test
        void controlCharactersAndEmptyWordsAreRefused() {
            assertThatThrownBy(() -> SystemdUnits.commandLine(List.of("/bin/x", "a\nb")))
                    .hasMessage("cannot write 'a\\nb' in a systemd command line: it is empty or has a control character");
            assertThatThrownBy(() -> SystemdUnits.commandLine(List.of("/bin/x", "")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void environmentAssignmentsExpandNoDollar() {
            assertThat(SystemdUnits.assignment("JAVA", "/opt/jdk/bin/java")).isEqualTo("JAVA=/opt/jdk/bin/java");
            assertThat(SystemdUnits.assignment("JAVA", "/opt/my jdk%/bin/java$"))
                    .isEqualTo("\"JAVA=/opt/my jdk%%/bin/java$\"");
        }
    }

    @Test
    void timeSpansAreExact() {
        assertThat(SystemdUnits.timeSpan(Duration.ZERO)).isEqualTo("0");
        assertThat(SystemdUnits.timeSpan(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(SystemdUnits.timeSpan(Duration.ofMinutes(90))).isEqualTo("1h30min");
        assertThat(SystemdUnits.timeSpan(Duration.ofHours(26).plusSeconds(5))).isEqualTo("1d2h5s");
    }

    @Test
    void namesAreUnitNamesWithoutSuffix() {
        assertThat(SystemdUnits.validName("rdump-home")).isEqualTo("rdump-home");
        for (String bad : List.of("", "a b", "rdump.timer", "rdump.service", "a@b", "a/b", "x%i")) {
            assertThatThrownBy(() -> SystemdUnits.validName(bad)).as(bad)
                    .hasMessageContaining("is not a unit name for --name");
        }
    }

    @Test
    void theUnitsSayWhatTheyAreFor() {
        SystemdUnits.Spec s = new SystemdUnits.Spec("rdump", List.of("/usr/bin/rdump", "--config", "/etc/r.yaml",
                "backup"), "/etc/r.yaml", List.of("daily"), Duration.ZERO, Duration.ofHours(6), Map.of(),
                "rdump --config /etc/r.yaml systemd");
        String service = SystemdUnits.service(s);
        assertThat(service.lines()).contains("ExecStart=/usr/bin/rdump --config /etc/r.yaml backup",
                "SuccessExitStatus=4", "TimeoutStartSec=6h", "Type=oneshot")
                .noneMatch(l -> l.startsWith("Environment="));
        String timer = SystemdUnits.timer(s);
        assertThat(timer.lines()).contains("OnCalendar=daily", "Persistent=true", "Unit=rdump.service")
                .noneMatch(l -> l.startsWith("RandomizedDelaySec=") || l.startsWith("FixedRandomDelay="));
        assertThat(service + timer).endsWith("\n").doesNotContain("\n\n\n");
    }

    @Test
    void theFirstDifferenceNamesTheLine() {
        assertThat(UnitFiles.firstDifference("a\nb\n", "a\nc\n")).isEqualTo("line 2: 'b' there, 'c' from rdump");
        assertThat(UnitFiles.firstDifference("a\n", "a\nb\n")).isEqualTo("line 2: '' there, 'b' from rdump");
    }
}
