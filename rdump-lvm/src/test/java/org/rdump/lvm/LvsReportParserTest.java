package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;

class LvsReportParserTest {

    static String fixture(String name) {
        try (InputStream in = LvsReportParserTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LvsRow only(String fixture) {
        List<LvsRow> rows = LvsReportParser.parse(fixture(fixture));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Nested
    class Parsing {
        @Test
        void normalSnapshotIsReadFieldByField() {
            LvsRow r = only("lvs-normal.json");

            assertThat(r).isEqualTo(new LvsRow("root_snap", "swi-a-s---", "root", "12.50", "12.50"));
            assertThat(r.isSnapshot()).isTrue();
            assertThat(r.isThin()).isFalse();
            assertThat(r.snapFill()).contains(new BigDecimal("12.50"));
            assertThat(r.problem()).isEmpty();
        }

        @Test
        void realListingWithoutDeviceMapperKeepsOrderAndTellsOriginFromSnapshot() {
            List<LvsRow> rows = LvsReportParser.parse(fixture("lvs-real-listing-without-device-mapper.json"));

            assertThat(rows).extracting(LvsRow::name).containsExactly("root", "root_snap");
            assertThat(rows.get(0).isSnapshot()).isFalse();
            assertThat(rows.get(1).isSnapshot()).isTrue();
            assertThat(rows.get(1).origin()).isEqualTo("root");
            assertThat(rows.get(1).snapFill()).isEmpty();
        }

        @Test
        void realReportOfAMissingVolumeIsEmpty() {
            assertThat(LvsReportParser.parse(fixture("lvs-real-missing.json"))).isEmpty();
        }

        @Test
        void logSectionIsIgnored() {
            assertThat(only("lvs-with-log.json").name()).isEqualTo("root_snap");
        }

        @Test
        void fieldsNotAskedForReadAsEmpty() {
            LvsRow r = LvsReportParser.parse("{\"report\":[{\"lv\":[{\"lv_name\":\"a\",\"lv_attr\":\"-wi-a-----\"}]}]}").get(0);

            assertThat(r).isEqualTo(new LvsRow("a", "-wi-a-----", "", "", ""));
        }

        @Test
        void rowsOfSeveralReportsAreJoined() {
            String json = "{\"report\":[{\"lv\":[{\"lv_name\":\"a\"}]},{\"vg\":[]},{\"lv\":[{\"lv_name\":\"b\"}]}]}";

            assertThat(LvsReportParser.parse(json)).extracting(LvsRow::name).containsExactly("a", "b");
        }

        @Test
        void notJsonIsAnRdumpExceptionThatSaysSo() {
            assertThatThrownBy(() -> LvsReportParser.parse("  LV   VG  Attr\n  root vg0 -wi-ao----\n"))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageStartingWith("could not read the output of lvs: malformed JSON at offset 4: Unrecognized token 'LV'");
        }

        @Test
        void jsonWithoutReportIsAnRdumpException() {
            assertThatThrownBy(() -> LvsReportParser.parse("{\"lv\":[]}"))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("could not read the output of lvs: no \"report\" list in '{\"lv\":[]}'");
        }

        @Test
        void emptyOutputIsAnRdumpException() {
            assertThatThrownBy(() -> LvsReportParser.parse(""))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageContaining("unexpected end of input");
        }
    }

    @Nested
    class Health {
        @Test
        void invalidatedSnapshotIsAProblem() {
            assertThat(only("lvs-invalidated.json").problem())
                    .contains("was invalidated because it overflowed (lv_attr swi-I-s---, snap_percent 100.00)");
        }

        @Test
        void fullSnapshotIsAProblemBeforeLvmMarksItInvalid() {
            assertThat(only("lvs-full.json").problem())
                    .contains("is full and therefore invalid (lv_attr swi-a-s---, snap_percent 100.00)");
        }

        @Test
        void nearlyFullSnapshotIsNoProblemButAboveTheWarningLevel() {
            LvsRow r = only("lvs-nearly-full.json");

            assertThat(r.problem()).isEmpty();
            assertThat(r.snapFill().orElseThrow()).isGreaterThanOrEqualTo(LvsRow.WARN_PERCENT);
        }

        @Test
        void unknownStateIsAProblem() {
            assertThat(only("lvs-real-snapshot-without-device-mapper.json").problem())
                    .contains("is in an unknown state (lv_attr swi-XXs---): lvs could not read it from the kernel");
        }

        @Test
        void invalidSnapshotTypeIsAProblemWhateverItsState() {
            assertThat(new LvsRow("s", "Swi-a-s---", "root", "", "").problem()).isPresent();
        }

        @Test
        void thinSnapshotHasNoSnapPercentAndItsDataPercentIsNotOverflow() {
            LvsRow snap = LvsReportParser.parse(fixture("lvs-thin.json")).get(2);

            assertThat(snap.isThin()).isTrue();
            assertThat(snap.isSnapshot()).isTrue();
            assertThat(snap.snapFill()).isEmpty();
            assertThat(snap.dataFill()).contains(new BigDecimal("43.21"));
            assertThat(snap.problem()).isEmpty();
            assertThat(new LvsRow("s", "Vwi-a-tz--", "root", "", "100.00").problem()).isEmpty();
        }

        @Test
        void thinPoolAndThinOriginAreNotSnapshots() {
            List<LvsRow> rows = LvsReportParser.parse(fixture("lvs-thin.json"));

            assertThat(rows.get(0).isSnapshot()).isFalse();
            assertThat(rows.get(1).isSnapshot()).isFalse();
        }

        @Test
        void percentWithADecimalCommaIsRead() {
            assertThat(new LvsRow("s", "swi-a-s---", "root", "100,00", "").problem()).isPresent();
        }
    }
}
