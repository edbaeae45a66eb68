package org.rdump.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.PruneProtection;

/** What {@code keep_verified} protects, read from a real SQLite ledger file. */
class LedgerProofsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T22:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("rdump.lock.ledger");
    }

    private static VerificationRecord check(String stamp, List<String> paths, VerificationRecord.Verdict verdict) {
        return new VerificationRecord(VerificationRecord.TEST_RESTORE, "home", "copies", "rsync", stamp,
                ArchiveInfo.STAMP.parse(stamp, Instant::from), paths, -1, verdict, 0, List.of(), null,
                T0.plusSeconds(60), Duration.ofSeconds(3));
    }

    private void record(VerificationRecord... checks) {
        try (Ledger l = Ledger.open(file())) {
            long run = l.startRun("verify", "20261201T220000Z", T0, List.of("home"));
            l.finishRun(run, RunOutcome.SUCCEEDED, null, T0.plusSeconds(61),
                    Map.of("home", new AbstractMap.SimpleImmutableEntry<>(RunOutcome.SUCCEEDED, null)), List.of(),
                    List.of(checks));
        }
    }

    @Test
    void noLedgerYetProtectsNothingAndSkipsNothing() {
        assertThat(new LedgerProofs(file()).protection("home", "copies")).isEqualTo(PruneProtection.NONE);
    }

    @Test
    void theNewestFullyProvenBackupIsKeptWithItsReason() {
        record(check("20261130T220000Z", List.of(), VerificationRecord.Verdict.MATCHES),
                check("20261201T210000Z", List.of(), VerificationRecord.Verdict.DIFFERS),
                check("20261201T215000Z", List.of("etc"), VerificationRecord.Verdict.MATCHES));

        PruneProtection p = new LedgerProofs(file()).protection("home", "copies");

        assertThat(p.skipReason()).isEmpty();
        assertThat(p.kept()).extracting(PruneProtection.Kept::describe).containsExactly("kept: 20261130T220000Z is the"
                + " newest backup of home in 'copies' proven restorable (verify 2026-12-01 22:01Z)");
        assertThat(new LedgerProofs(file()).protection("home", "vault")).isEqualTo(PruneProtection.NONE);
    }

    @Test
    void aDamagedLedgerSkipsPruning() throws Exception {
        Files.writeString(file(), "not an SQLite file ".repeat(300));

        PruneProtection p = new LedgerProofs(file()).protection("home", "copies");

        assertThat(p.skipReason()).hasValueSatisfying(r -> assertThat(r).startsWith("keep_verified: the ledger "
                + file()).contains("is damaged").contains("nothing is pruned"));
    }

    @Test
    void aSetAsideLedgerSkipsPruningUntilTheNewOneProvesABackup() throws Exception {
        Files.writeString(dir.resolve("rdump.lock.ledger.damaged-20261201T210000Z"), "old");
        record(check("20261201T215000Z", List.of("etc"), VerificationRecord.Verdict.MATCHES));

        assertThat(new LedgerProofs(file()).protection("home", "copies").skipReason()).hasValueSatisfying(r ->
                assertThat(r).contains("set aside as damaged (" + dir.resolve("rdump.lock.ledger.damaged-20261201T210000Z")
                        + ")"));

        record(check("20261201T215000Z", List.of(), VerificationRecord.Verdict.MATCHES));
        PruneProtection p = new LedgerProofs(file()).protection("home", "copies");
        assertThat(p.skipReason()).isEmpty();
        assertThat(p.kept()).extracting(PruneProtection.Kept::time)
                .containsExactly(Instant.parse("2026-12-01T21:50:00Z"));
    }
}
