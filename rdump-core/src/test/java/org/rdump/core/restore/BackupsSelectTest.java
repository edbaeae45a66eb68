package org.rdump.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;

class BackupsSelectTest {
    private static final ToolTarget COPIES = new ToolTarget("copies", "rsync", Settings.of(Map.of()));
    private static final ToolTarget VAULT = new ToolTarget("vault", "borg", Settings.of(Map.of()));
    private static final List<ToolTarget> BOTH = List.of(COPIES, VAULT);
    private static final Backup C2 = rsync("20261201T120000Z");
    private static final Backup V2 = borg("20261201T120000Z");
    private static final Backup C1 = rsync("20261130T120000Z");
    private static final Backup V1 = borg("20261130T120000Z");
    private static final List<Backup> NEWEST_FIRST = List.of(C2, V2, C1, V1);

    private static Backup rsync(String stamp) {
        return new Backup("vol", COPIES, new ArchiveInfo(stamp, "vol", Instant.from(ArchiveInfo.STAMP.parse(stamp)),
                Map.of()), null);
    }

    private static Backup borg(String stamp) {
        return new Backup("vol", VAULT, new ArchiveInfo("vol-" + stamp, "vol", stamp,
                Instant.from(ArchiveInfo.STAMP.parse(stamp)), Map.of()), null);
    }

    @Test
    void theNewestOfTheFirstDestination() {
        assertThat(Backups.select("vol", NEWEST_FIRST, BOTH, null, null)).isEqualTo(C2);
    }

    @Test
    void byStampOrByATool_sOwnName() {
        assertThat(Backups.select("vol", NEWEST_FIRST, BOTH, "20261130T120000Z", null)).isEqualTo(C1);
        assertThat(Backups.select("vol", NEWEST_FIRST, BOTH, "vol-20261130T120000Z", null)).isEqualTo(V1);
    }

    @Test
    void atPicksTheNewestAtOrBefore() {
        assertThat(Backups.select("vol", NEWEST_FIRST, BOTH, null, Instant.parse("2026-12-01T12:00:00Z"))).isEqualTo(C2);
        assertThat(Backups.select("vol", NEWEST_FIRST, BOTH, null, Instant.parse("2026-12-01T11:59:59Z"))).isEqualTo(C1);
        assertThat(Backups.select("vol", List.of(V2, V1), List.of(VAULT), null, Instant.parse("2026-12-05T00:00:00Z")))
                .isEqualTo(V2);
    }

    @Test
    void aTimeBeforeTheFirstBackupNamesTheOldest() {
        assertThatThrownBy(() -> Backups.select("vol", NEWEST_FIRST, BOTH, null, Instant.parse("2020-01-01T00:00:00Z")))
                .hasMessage("no backup of volume vol at or before 2020-01-01T00:00:00Z in 'copies', 'vault'; the"
                        + " oldest is 20261130T120000Z ('copies')");
    }

    @Test
    void anUnknownStampListsTheBackupsThereAre() {
        assertThatThrownBy(() -> Backups.select("vol", NEWEST_FIRST, BOTH, "20250101T000000Z", null))
                .hasMessage("no backup 20250101T000000Z of volume vol in 'copies', 'vault'; there are:"
                        + " 20261201T120000Z ('copies'), 20261201T120000Z ('vault'), 20261130T120000Z ('copies'),"
                        + " 20261130T120000Z ('vault')");
    }

    @Test
    void noBackupAtAllSaysToBackUp() {
        assertThatThrownBy(() -> Backups.select("vol", List.of(), BOTH, null, null))
                .hasMessage("no backup of volume vol in 'copies', 'vault'; run 'rdump backup vol' first");
    }
}
