package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;

class ZfsListParserTest {

    @Test
    void parsesNamesWithSpacesAndSnapshots() {
        String out = "zt1\t668K\t/zt1\nzt1/a/b c\t112K\t/zt1/a/b c\nzt1/a/b c@s 1\t0\t-\n";
        List<ZfsRow> rows = ZfsListParser.parseList(out, List.of("name", "used", "mountpoint"));
        assertThat(rows).extracting(ZfsRow::name).containsExactly("zt1", "zt1/a/b c", "zt1/a/b c@s 1");
        assertThat(rows.get(1).value("mountpoint")).contains("/zt1/a/b c");
        assertThat(rows.get(2).dataset()).isEqualTo("zt1/a/b c");
        assertThat(rows.get(2).snapshot()).contains("s 1");
        assertThat(rows.get(2).value("mountpoint")).isEmpty();
        assertThat(rows.get(1).isSnapshot()).isFalse();
    }

    @Test
    void parsableAndHumanValuesReadTheSame() {
        List<String> cols = List.of("name", "creation", "used");
        ZfsRow exact = ZfsListParser.parseList("p/a@x\t1795628525\t237568\n", cols).get(0);
        ZfsRow human = ZfsListParser.parseList("p/a@x\tWed Nov 25 17:42 2026\t232K\n", cols).get(0);
        assertThat(ZfsValues.bytes(exact.value("used").orElseThrow())).hasValue(237568);
        assertThat(ZfsValues.bytes(human.value("used").orElseThrow())).hasValue(237568);
        assertThat(ZfsValues.time(exact.value("creation").orElseThrow(), ZoneOffset.UTC))
                .contains(Instant.ofEpochSecond(1795628525));
        assertThat(ZfsValues.time(human.value("creation").orElseThrow(), ZoneOffset.UTC))
                .contains(Instant.parse("2026-11-25T17:42:00Z"));
        assertThat(ZfsValues.bytes("1.50M")).hasValue(1572864);
        assertThat(ZfsValues.bytes("none")).isEmpty();
    }

    @Test
    void bookmarksAreRecognised() {
        ZfsRow b = ZfsListParser.parseList("p/a#mark\n", List.of("name")).get(0);
        assertThat(b.isBookmark()).isTrue();
        assertThat(b.dataset()).isEqualTo("p/a");
        assertThat(b.snapshot()).isEmpty();
    }

    @Test
    void wrongFieldCountNamesTheLine() {
        assertThatThrownBy(() -> ZfsListParser.parseList("p/a\t1\n", List.of("name", "used", "mountpoint")))
                .isInstanceOf(RdumpException.class)
                .hasMessage("unexpected zfs list output: expected 3 tab-separated fields [name, used, mountpoint],"
                        + " found 2 in line 'p/a\t1'");
    }

    @Test
    void emptyOutputIsNoRows() {
        assertThat(ZfsListParser.parseList("", List.of("name"))).isEmpty();
    }

    @Test
    void getKeepsUnknownAndUserProperties() {
        String out = "zt1/a\tmountpoint\t/zt1/a\tdefault\n"
                + "zt1/a\tcom.example:tag\thello world\tlocal\n"
                + "zt1/a\tspecial_small_blocks\t0\tdefault\n"
                + "zt1/a@s1\tcreation\t1795628525\t-\n";
        var byName = ZfsListParser.parseGetByName(out);
        assertThat(byName.get("zt1/a")).containsOnlyKeys("mountpoint", "com.example:tag", "special_small_blocks");
        ZfsProperty tag = byName.get("zt1/a").get("com.example:tag");
        assertThat(tag.value()).isEqualTo("hello world");
        assertThat(tag.isLocalOrReceived()).isTrue();
        assertThat(byName.get("zt1/a@s1").get("creation").source()).isEqualTo("-");
    }

    @Test
    void getWithWrongFieldCountFails() {
        assertThatThrownBy(() -> ZfsListParser.parseGet("zt1\tused\t1\n")).isInstanceOf(RdumpException.class)
                .hasMessageContaining("found 3 in line 'zt1\tused\t1'");
    }
}
