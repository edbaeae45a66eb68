package org.rdump.zfs.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rdump.api.RunEvent;
import org.rdump.api.support.ByteSizes;

class TransferMeterTest {
    @Test
    void reportsAtMostOncePerIntervalWithRateAndEta() {
        long s = 1_000_000_000L;
        TransferMeter m = new TransferMeter("v", "send", 100 * 1024 * 1024, 0, Duration.ofSeconds(1));
        assertThat(m.add(10 * 1024 * 1024, s / 2)).isEmpty();
        RunEvent.Progress p = m.add(10 * 1024 * 1024, 2 * s).orElseThrow();
        assertThat(p.bytesDone()).isEqualTo(20 * 1024 * 1024);
        assertThat(p.bytesPerSecond()).isEqualTo(10 * 1024 * 1024);
        assertThat(p.eta()).isEqualTo(Duration.ofSeconds(8));
        assertThat(TransferMeter.describe(p)).isEqualTo("20.0 MiB of 100.0 MiB (20%), 10.0 MiB/s");
    }

    @Test
    void withoutEstimateNoPercentage() {
        TransferMeter m = new TransferMeter("v", "send", -1, 0, Duration.ZERO);
        RunEvent.Progress p = m.add(1536, 1_000_000_000L).orElseThrow();
        assertThat(p.bytesTotal()).isEqualTo(-1);
        assertThat(p.eta()).isEqualTo(Duration.ofSeconds(-1));
        assertThat(TransferMeter.describe(p)).isEqualTo("1.5 KiB, 1.5 KiB/s");
        assertThat(ByteSizes.human(512)).isEqualTo("512 B");
    }

    @Test
    void sendEstimateParsing() {
        assertThat(SendEstimate.parse("incremental\t@1\ttank/a@5\t678\nsize\t678\n")).hasValue(678);
        assertThat(SendEstimate.parse("full\ttank/a@1\t12345\n")).hasValue(12345);
        assertThat(SendEstimate.parse("usage: ...\n")).isEmpty();
    }
}
