package org.rdump.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;

/** The ledger file itself: what it keeps across opens, runs left unfinished, and damaged files. */
class LedgerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("rdump.lock.ledger");
    }

    private static BackupRecord backup(String volume, String stamp, RunOutcome outcome) {
        return new BackupRecord(volume, "copies", "rsync", stamp, outcome == RunOutcome.SUCCEEDED ? stamp : null,
                org.rdump.api.ArchiveInfo.STAMP.parse(stamp, Instant::from), 3, 27, 66_000, Duration.ofMillis(1234),
                outcome, outcome == RunOutcome.SUCCEEDED ? null : "rsync exited 23", List.of("rsync exit 24: vanished"));
    }

    private static VerificationRecord check(String volume, String stamp, VerificationRecord.Verdict verdict) {
        return new VerificationRecord(VerificationRecord.TEST_RESTORE, volume, "copies", "rsync", stamp,
                org.rdump.api.ArchiveInfo.STAMP.parse(stamp, Instant::from), List.of(), -1, verdict,
                verdict == VerificationRecord.Verdict.DIFFERS ? 2 : 0,
                verdict == VerificationRecord.Verdict.DIFFERS ? List.of("- file \"a\"", "+ file \"b\"") : List.of(),
                verdict == VerificationRecord.Verdict.MATCHES ? null : "2 differences", T0.plusSeconds(60),
                Duration.ofSeconds(3));
    }

    private static Map<String, Map.Entry<RunOutcome, String>> outcomes(String volume, RunOutcome o, String error) {
        return Map.of(volume, new AbstractMap.SimpleImmutableEntry<>(o, error));
    }

    @Test
    void whatARunRecordsIsReadBackAfterReopening() {
        BackupRecord ok = backup("home", "20261201T100000Z", RunOutcome.SUCCEEDED);
        BackupRecord failed = backup("home", "20261201T100000Z", RunOutcome.FAILED);
        VerificationRecord differs = check("home", "20261201T100000Z", VerificationRecord.Verdict.DIFFERS);
        try (Ledger l = Ledger.open(file())) {
            long run = l.startRun("backup", "20261201T100000Z", T0, List.of("home"));
            l.finishRun(run, RunOutcome.FAILED, "2 differences", T0.plusSeconds(61),
                    outcomes("home", RunOutcome.FAILED, "2 differences"), List.of(ok, failed), List.of(differs));
        }
        try (Ledger l = Ledger.openReadOnly(file())) {
            LedgerSnapshot s = l.snapshot();
            assertThat(s.backups()).containsExactly(ok, failed);
            assertThat(s.verifications()).containsExactly(differs);
            assertThat(s.runs()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
                assertThat(r.finished()).isEqualTo(T0.plusSeconds(61));
                assertThat(r.error()).isEqualTo("2 differences");
            });
            assertThat(s.outcomes()).singleElement().extracting(VolumeOutcome::outcome).isEqualTo(RunOutcome.FAILED);
            assertThat(s.lastSuccess("home", "copies")).contains(ok);
            assertThat(s.newestProven("home", "copies")).isEmpty();
            assertThat(s.failures("home")).isEqualTo(1);
        }
    }

    @Test
    void aLaterCheckThatFindsDifferencesTakesTheProofOfThatBackupBack() {
        VerificationRecord olderMatches = check("home", "20261130T100000Z", VerificationRecord.Verdict.MATCHES);
        VerificationRecord newerMatches = check("home", "20261201T100000Z", VerificationRecord.Verdict.MATCHES);
        VerificationRecord newerDiffers = check("home", "20261201T100000Z", VerificationRecord.Verdict.DIFFERS);
        LedgerSnapshot proven = new LedgerSnapshot(List.of(), List.of(), List.of(), List.of(olderMatches, newerMatches));
        LedgerSnapshot damaged = new LedgerSnapshot(List.of(), List.of(), List.of(),
                List.of(olderMatches, newerMatches, newerDiffers));

        assertThat(proven.newestProven("home", "copies")).contains(newerMatches);
        assertThat(damaged.newestProven("home", "copies")).contains(olderMatches);
        assertThat(damaged.lastTestRestore("home", "copies")).contains(newerDiffers);
    }

    @Test
    void aRunThatNeverFinishedIsMarkedInterruptedOnceByTheNextRun() {
        try (Ledger l = Ledger.open(file())) {
            l.startRun("backup", "20261201T100000Z", T0, List.of("home", "boot"));
        }
        try (Ledger l = Ledger.open(file())) {
            assertThat(l.markInterrupted()).singleElement().extracting(RunRecord::stamp).isEqualTo("20261201T100000Z");
            assertThat(l.markInterrupted()).isEmpty();
            assertThat(l.runs()).singleElement().extracting(RunRecord::outcome).isEqualTo(RunOutcome.INTERRUPTED);
            assertThat(l.volumeOutcomes()).extracting(VolumeOutcome::volume, VolumeOutcome::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("home", RunOutcome.INTERRUPTED),
                    org.assertj.core.groups.Tuple.tuple("boot", RunOutcome.INTERRUPTED));
        }
    }

    @Test
    void aChecksumIsKeptWithItsBackupAndASchema2LedgerGainsTheColumnKeepingItsRows() throws Exception {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        // a ledger as schema 2 wrote it: no sha256 column
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file());
             java.sql.Statement s = db.createStatement()) {
            s.execute("CREATE TABLE run (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, stamp TEXT NOT NULL,"
                    + " started INTEGER NOT NULL, finished INTEGER, outcome TEXT NOT NULL, error TEXT,"
                    + " pid INTEGER NOT NULL, volumes TEXT NOT NULL)");
            s.execute("CREATE TABLE backup (id INTEGER PRIMARY KEY, run INTEGER NOT NULL REFERENCES run(id),"
                    + " volume TEXT NOT NULL, destination TEXT NOT NULL, tool TEXT NOT NULL, stamp TEXT NOT NULL,"
                    + " archive TEXT, time INTEGER NOT NULL, manifest_version INTEGER NOT NULL, files INTEGER NOT NULL,"
                    + " bytes INTEGER NOT NULL, duration_ms INTEGER NOT NULL, outcome TEXT NOT NULL, error TEXT,"
                    + " warnings TEXT NOT NULL)");
            s.execute("INSERT INTO run VALUES (1, 'backup', '20261130T100000Z', 0, 1000, 'succeeded', NULL, 1, '[\"home\"]')");
            s.execute("INSERT INTO backup VALUES (1, 1, 'home', 'copies', 'rsync', '20261130T100000Z',"
                    + " '20261130T100000Z', 0, 2, 27, 66000, 1000, 'succeeded', NULL, '[]')");
            s.execute("PRAGMA user_version = 2");
        }
        try (Ledger l = Ledger.openReadOnly(file())) {
            assertThat(l.backups()).singleElement().satisfies(b -> assertThat(b.sha256()).isNull());
        }
        BackupRecord image = new BackupRecord("home", "images", "image", "20261201T100000Z", "20261201T100000Z.img.zst",
                T0, 3, 27, 66_000, Duration.ofMillis(1234), RunOutcome.SUCCEEDED, null, List.of(), sha);
        try (Ledger l = Ledger.open(file())) {
            long run = l.startRun("backup", "20261201T100000Z", T0, List.of("home"));
            l.finishRun(run, RunOutcome.SUCCEEDED, null, T0.plusSeconds(61),
                    outcomes("home", RunOutcome.SUCCEEDED, null), List.of(image), List.of());
        }
        try (Ledger l = Ledger.openReadOnly(file())) {
            assertThat(l.backups()).extracting(BackupRecord::stamp, BackupRecord::sha256)
                    .containsExactly(org.assertj.core.api.Assertions.tuple("20261130T100000Z", null),
                            org.assertj.core.api.Assertions.tuple("20261201T100000Z", sha));
        }
        assertThatThrownBy(() -> new BackupRecord("home", "images", "image", "s", null, T0, -1, -1, -1, Duration.ZERO,
                RunOutcome.FAILED, "x", List.of(), "ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileOfGarbageIsDamagedAndIsSetAsideForARun() throws Exception {
        byte[] garbage = "this is not an SQLite database, it is a text file someone wrote here\n".repeat(100)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(file(), garbage);
        assertThatThrownBy(() -> Ledger.openReadOnly(file())).isInstanceOf(Ledger.DamagedException.class)
                .hasMessageStartingWith("the ledger " + file() + " is damaged (");

        List<String> warnings = new ArrayList<>();
        Optional<Ledger> l = LedgerOpening.forRun(file(), T0, warnings::add);

        assertThat(l).isPresent();
        l.get().close();
        Path aside = dir.resolve("rdump.lock.ledger.damaged-20261201T100000Z");
        assertThat(warnings).singleElement().asString().contains("is damaged", "it was set aside as " + aside);
        assertThat(Files.readAllBytes(aside)).isEqualTo(garbage);
        try (Ledger fresh = Ledger.openReadOnly(file())) {
            assertThat(fresh.runs()).isEmpty();
        }
    }

    @Test
    void aTruncatedLedgerIsDamaged() throws Exception {
        try (Ledger l = Ledger.open(file())) {
            for (int i = 0; i < 300; i++) {
                long run = l.startRun("backup", "20261201T100000Z", T0.plusSeconds(i), List.of("home"));
                l.finishRun(run, RunOutcome.SUCCEEDED, null, T0.plusSeconds(i + 1),
                        outcomes("home", RunOutcome.SUCCEEDED, null),
                        List.of(backup("home", "20261201T100000Z", RunOutcome.SUCCEEDED)), List.of());
            }
        }
        long size = Files.size(file());
        assertThat(size).isGreaterThan(16_384);
        try (var ch = java.nio.channels.FileChannel.open(file(), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        assertThatThrownBy(() -> Ledger.open(file())).isInstanceOf(Ledger.DamagedException.class);
    }

    @Test
    void aLedgerThatCannotBeCreatedLeavesTheRunUnrecordedWithAWarning() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        List<String> warnings = new ArrayList<>();

        assertThat(LedgerOpening.forRun(notADirectory.resolve("ledger"), T0, warnings::add)).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("cannot open the ledger " + notADirectory
                .resolve("ledger")).endsWith("; this run is not recorded in the ledger");
        assertThatThrownBy(() -> Ledger.openReadOnly(dir.resolve("missing"))).isInstanceOf(RdumpException.class)
                .hasMessage("no ledger at " + dir.resolve("missing") + ": no run of this configuration has finished yet");
    }
}
