package org.rdump.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RestoreTimeTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void rfc3339WithOffsetOrZ() {
        assertThat(RestoreTime.parse("2026-11-30T18:00:00Z", BERLIN)).isEqualTo(Instant.parse("2026-11-30T18:00:00Z"));
        assertThat(RestoreTime.parse("2026-11-30 18:00:00+01:00", BERLIN))
                .isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
    }

    @Test
    void aLocalTimeIsInTheGivenZone() {
        assertThat(RestoreTime.parse("2026-11-30 18:00", BERLIN)).isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
        assertThat(RestoreTime.parse("2026-11-30 18:00:30", BERLIN)).isEqualTo(Instant.parse("2026-11-30T17:00:30Z"));
    }

    @Test
    void aRunStamp() {
        assertThat(RestoreTime.parse("20261130T180000Z", BERLIN)).isEqualTo(Instant.parse("2026-11-30T18:00:00Z"));
    }

    @Test
    void anythingElseSaysWhatIsAccepted() {
        assertThatThrownBy(() -> RestoreTime.parse("yesterday", BERLIN)).hasMessage("cannot read the time"
                + " 'yesterday': give it as '2026-11-30 18:00' (local time, Europe/Berlin), as RFC 3339"
                + " '2026-11-30T18:00:00Z', or as a run stamp '20261130T180000Z'");
    }
}
