package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RsyncProgressParserTest {

    @Test
    void parsesALineWithTransferCounts() {
        RsyncProgress p = RsyncProgressParser.parse("      3,000,003  99%  707.44MB/s    0:00:00 (xfr#2, to-chk=0/5)")
                .orElseThrow();

        assertThat(p).isEqualTo(new RsyncProgress(3_000_003, 99, 707.44 * 1024 * 1024, Duration.ZERO, 2, 0, 5));
    }

    @Test
    void parsesTheFirstLineWithoutCounts() {
        RsyncProgress p = RsyncProgressParser.parse("         32,768   1%    0.00kB/s    0:00:00  ").orElseThrow();

        assertThat(p.bytes()).isEqualTo(32_768);
        assertThat(p.percent()).isEqualTo(1);
        assertThat(p.filesTransferred()).isEqualTo(-1);
        assertThat(p.filesTotal()).isEqualTo(-1);
    }

    @Test
    void parsesIncrementalRecursionHumanReadableSizesAndHours() {
        RsyncProgress p = RsyncProgressParser.parse("          1.23G  45%   12.50MB/s    1:02:03 (xfr#1234, ir-chk=1000/20000)")
                .orElseThrow();

        assertThat(p.bytes()).isEqualTo(Math.round(1.23 * 1024 * 1024 * 1024));
        assertThat(p.bytesPerSecond()).isEqualTo(12.5 * 1024 * 1024);
        assertThat(p.time()).isEqualTo(Duration.ofSeconds(3723));
        assertThat(p.filesToCheck()).isEqualTo(1000);
        assertThat(p.filesTotal()).isEqualTo(20_000);
    }

    @Test
    void unknownRemainingTimeIsMinusOneSecond() {
        assertThat(RsyncProgressParser.parse("  1,000   0%    0.00kB/s   ??:??:??").orElseThrow().time())
                .isEqualTo(Duration.ofSeconds(-1));
    }

    @Test
    void otherLinesAreNotProgress() {
        assertThat(RsyncProgressParser.parse("sending incremental file list")).isEmpty();
        assertThat(RsyncProgressParser.parse("data/big.bin")).isEmpty();
        assertThat(RsyncProgressParser.parse("100% done")).isEmpty();
        assertThat(RsyncProgressParser.parse("")).isEmpty();
        assertThat(RsyncProgressParser.parse("  12  101%  1.00kB/s  0:00:00")).isEmpty();
    }

    @Property
    void everyRenderedLineParsesBack(@ForAll @LongRange(max = 999_999_999_999L) long bytes,
                                     @ForAll @IntRange(max = 100) int percent,
                                     @ForAll @IntRange(max = 99) int hours,
                                     @ForAll @IntRange(max = 100_000) int xfr) {
        String line = String.format(java.util.Locale.ROOT, "%,15d %3d%%  %7.2fMB/s %4d:%02d:%02d (xfr#%d, to-chk=%d/%d)",
                bytes, percent, 1.5, hours, 7, 9, xfr, 3, xfr + 3);

        RsyncProgress p = RsyncProgressParser.parse(line).orElseThrow();

        assertThat(p.bytes()).isEqualTo(bytes);
        assertThat(p.percent()).isEqualTo(percent);
        assertThat(p.time()).isEqualTo(Duration.ofSeconds(hours * 3600L + 7 * 60 + 9));
        assertThat(p.filesTransferred()).isEqualTo(xfr);
        assertThat(p.filesTotal()).isEqualTo(xfr + 3);
    }
}
