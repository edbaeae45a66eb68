package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.support.Trees;
import org.rdump.core.ledger.Ledger;
import org.rdump.core.ledger.RunOutcome;
import org.rdump.core.ledger.RunRecord;
import org.rdump.testkit.RequiredTools;

/**
 * The ledger through the real command line with real rsync: what a backup, a test restore, a
 * failed run, a run killed with SIGKILL and a damaged ledger file leave in it, as {@code rdump
 * status} and {@code rdump list} show it.
 */
class LedgerIT {
    private static final Pattern MANIFEST = Pattern.compile("manifest version (\\d+): (\\d+) files, \\d+ dirs");

    @TempDir
    Path dir;

    private void rsyncConfig() throws Exception {
        SampleTree.make(dir.resolve("live"));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies]
                """);
    }

    private Path ledgerFile() {
        return dir.resolve(".rdump.yaml.lock.ledger");
    }

    private JsonNode status(String... names) throws Exception {
        String[] args = Stream.concat(Stream.of("status", "--json"), Stream.of(names)).toArray(String[]::new);
        CliProcess.Result r = CliProcess.run(dir, args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return Json.MAPPER.readTree(r.stdout());
    }

    private String onlyCopy() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("backups/sample"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertThat(names).hasSize(1);
            return names.get(0);
        }
    }

    @Test
    void aBackupAndItsTestRestoreAreRecordedAndListShowsTheVerdict() throws Exception {
        RequiredTools.need("rsync", "rsync");
        rsyncConfig();

        CliProcess.Result backup = CliProcess.run(dir, "backup", "--verify");

        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        Matcher m = MANIFEST.matcher(backup.stdout());
        assertThat(m.find()).as(backup.stdout()).isTrue();
        String stamp = onlyCopy();
        JsonNode v = status().get("volumes").get(0);
        assertThat(v.get("volume").asText()).isEqualTo("sample");
        assertThat(v.get("state").asText()).isEqualTo("OK");
        JsonNode d = v.get("destinations").get(0);
        assertThat(d.get("destination").asText()).isEqualTo("copies");
        JsonNode last = d.get("lastSuccess");
        assertThat(last.get("stamp").asText()).isEqualTo(stamp);
        assertThat(last.get("tool").asText()).isEqualTo("rsync");
        assertThat(last.get("outcome").asText()).isEqualTo("succeeded");
        assertThat(last.get("manifestVersion").asInt()).isEqualTo(Integer.parseInt(m.group(1)));
        assertThat(last.get("files").asLong()).isEqualTo(Long.parseLong(m.group(2)));
        assertThat(last.get("bytes").asLong()).isPositive();
        assertThat(d.get("lastTestRestore").get("verdict").asText()).isEqualTo("matches");
        assertThat(v.get("newestProven").get("stamp").asText()).isEqualTo(stamp);
        assertThat(v.get("lastFailure").isNull()).isTrue();

        CliProcess.Result list = CliProcess.run(dir, "list");
        assertThat(list.lines().get(0)).endsWith("MANIFEST              VERIFIED");
        assertThat(list.lines().get(1)).startsWith("sample  " + stamp).endsWith(" matches");

        SampleTree.tamper(dir.resolve("backups/sample").resolve(stamp));
        assertThat(CliProcess.run(dir, "verify").exitCode()).isEqualTo(5);

        JsonNode after = status().get("volumes").get(0);
        assertThat(after.get("state").asText()).isEqualTo("CRITICAL");
        assertThat(after.get("problems").get(0).asText()).startsWith("the test restore of " + stamp
                + " from 'copies' ").endsWith(" found 5 differences");
        JsonNode t = after.get("destinations").get(0).get("lastTestRestore");
        assertThat(t.get("verdict").asText()).isEqualTo("differs");
        assertThat(t.get("differences").asInt()).isEqualTo(5);
        assertThat(t.get("error").asText()).contains("5 differences from the manifest");
        assertThat(CliProcess.run(dir, "list").lines().get(1)).endsWith(" differs (5)");
        JsonNode listed = Json.MAPPER.readTree(CliProcess.run(dir, "list", "--json").stdout()).get("backups").get(0);
        assertThat(listed.get("lastVerification").get("verdict").asText()).isEqualTo("differs");
        try (Ledger ledger = Ledger.openReadOnly(ledgerFile())) {
            assertThat(ledger.runs()).extracting(RunRecord::kind, RunRecord::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("backup", RunOutcome.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple("verify", RunOutcome.FAILED));
        }
    }

    @Test
    void aRestoreAndItsCheckAreRecordedWithThePathsChecked() throws Exception {
        RequiredTools.need("rsync", "rsync");
        rsyncConfig();
        assertThat(CliProcess.run(dir, "backup").exitCode()).isZero();
        String stamp = onlyCopy();

        CliProcess.Result restore = CliProcess.run(dir, "restore", "sample", "--to", "out", "--path", "etc/host.conf");

        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        assertThat(CliProcess.run(dir, "list").lines().get(1)).startsWith("sample  " + stamp)
                .endsWith(" (1 path) matches");
        try (Ledger ledger = Ledger.openReadOnly(ledgerFile())) {
            assertThat(ledger.verifications()).singleElement().satisfies(v -> {
                assertThat(v.kind()).isEqualTo("restore");
                assertThat(v.stamp()).isEqualTo(stamp);
                assertThat(v.paths()).containsExactly("etc/host.conf");
                assertThat(v.checked()).isEqualTo(1);
                assertThat(v.provesBackup()).as("a partial restore proves only its paths").isFalse();
            });
        }
        JsonNode v = status().get("volumes").get(0);
        assertThat(v.get("state").asText()).as("not proven by a partial restore").isEqualTo("UNKNOWN");
    }

    @Test
    void aFailedRunIsRecordedWithItsErrorAndTheLastSuccessStays() throws Exception {
        RequiredTools.need("rsync", "rsync");
        rsyncConfig();
        assertThat(CliProcess.run(dir, "backup").exitCode()).isZero();
        String stamp = onlyCopy();
        Trees.delete(dir.resolve("live"));
        Files.createDirectory(dir.resolve("live"));
        CliProcess.nextSecond();

        CliProcess.Result failed = CliProcess.run(dir, "backup");

        assertThat(failed.exitCode()).isEqualTo(1);
        JsonNode v = status().get("volumes").get(0);
        assertThat(v.get("state").asText()).isEqualTo("CRITICAL");
        assertThat(v.get("lastFailure").get("outcome").asText()).isEqualTo("failed");
        assertThat(v.get("lastFailure").get("kind").asText()).isEqualTo("backup");
        assertThat(v.get("lastFailure").get("error").asText()).contains(dir.toRealPath().resolve("live")
                + " is empty");
        assertThat(v.get("destinations").get(0).get("lastSuccess").get("stamp").asText()).isEqualTo(stamp);
        assertThat(v.get("problems").get(0).asText()).startsWith("last backup run failed ").contains(" is empty");
    }

    @Test
    void aBackupKilledMidRunStaysReadableAndTheNextRunRecordsItAsInterrupted() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("live"));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                test-marker:
                  - {name: slow, marker: slow.marker, sleep: 60, actions: []}
                simple:
                  - {name: sample, mount: live, actions: [rsure, copies]}
                """);
        Process p = CliProcess.start(dir, "backup", "slow");
        Path marker = dir.resolve("slow.marker");
        for (int i = 0; i < 400 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertThat(marker).as("the run got as far as its snapshot").exists();
        Thread.sleep(300);
        p.destroyForcibly(); // SIGKILL: no cleanup, no ledger update
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        try (Ledger ledger = Ledger.openReadOnly(ledgerFile())) {
            assertThat(ledger.runs()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RunOutcome.RUNNING);
                assertThat(r.volumes()).containsExactly("slow");
            });
        }

        CliProcess.Result next = CliProcess.run(dir, "backup", "sample");

        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(next.stderr()).contains("rdump: warning: ledger: recorded 1 earlier run as interrupted (killed"
                + " before it finished): backup ");
        try (Ledger ledger = Ledger.openReadOnly(ledgerFile())) {
            assertThat(ledger.runs()).extracting(RunRecord::outcome)
                    .containsExactly(RunOutcome.INTERRUPTED, RunOutcome.SUCCEEDED);
        }
        JsonNode slow = status("slow").get("volumes").get(0);
        assertThat(slow.get("lastFailure").get("outcome").asText()).isEqualTo("interrupted");
        assertThat(slow.get("state").asText()).isEqualTo("CRITICAL");
        CliProcess.Result check = CliProcess.run(dir, "status", "--check", "slow");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.lines().get(0)).startsWith("RDUMP CRITICAL - slow: last backup run interrupted ");
        assertThat(status("sample").get("volumes").get(0).get("destinations").get(0).get("lastSuccess")
                .get("outcome").asText()).isEqualTo("succeeded");
    }

    @Test
    void aBackupStoppedBySigtermRecordsItselfAsInterrupted() throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                test-marker:
                  - {name: slow, marker: slow.marker, sleep: 60, actions: []}
                """);
        Process p = CliProcess.start(dir, "backup");
        Path marker = dir.resolve("slow.marker");
        for (int i = 0; i < 400 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);

        try (Ledger ledger = Ledger.openReadOnly(ledgerFile())) {
            assertThat(ledger.runs()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
                assertThat(r.finished()).as("recorded by the run itself").isNotNull();
                assertThat(r.error()).contains("interrupted");
            });
            assertThat(ledger.volumeOutcomes()).singleElement().extracting(o -> o.outcome())
                    .isEqualTo(RunOutcome.INTERRUPTED);
        }
    }

    @Test
    void aDamagedLedgerIsReportedSetAsideAndNeverBlocksABackup() throws Exception {
        RequiredTools.need("rsync", "rsync");
        rsyncConfig();
        assertThat(CliProcess.run(dir, "backup").exitCode()).isZero();
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve(".rdump.yaml.lock.ledger" + suffix));
        }
        byte[] garbage = new byte[8192];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(ledgerFile(), garbage);

        CliProcess.Result check = CliProcess.run(dir, "status", "--check");
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.stdout()).startsWith("RDUMP UNKNOWN - the ledger " + ledgerFile().toRealPath()
                + " is damaged (");
        CliProcess.Result list = CliProcess.run(dir, "list");
        assertThat(list.exitCode()).as("list still lists").isZero();
        assertThat(list.stderr()).contains("is damaged");
        CliProcess.nextSecond();

        CliProcess.Result backup = CliProcess.run(dir, "backup");

        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        Matcher aside = Pattern.compile("rdump: warning: ledger: the ledger (\\S+) is damaged \\(.*\\); it was set"
                + " aside as (\\S+) and a new ledger started").matcher(backup.stderr());
        assertThat(aside.find()).as(backup.stderr()).isTrue();
        assertThat(Files.readAllBytes(Path.of(aside.group(2)))).as("the damaged file is kept").isEqualTo(garbage);
        assertThat(aside.group(2)).matches(".*\\.ledger\\.damaged-\\d{8}T\\d{6}Z");
        JsonNode v = status().get("volumes").get(0);
        assertThat(v.get("destinations").get(0).get("lastSuccess").get("outcome").asText()).isEqualTo("succeeded");
        try (Ledger ledger = Ledger.openReadOnly(ledgerFile())) {
            assertThat(ledger.runs()).singleElement().extracting(RunRecord::outcome).isEqualTo(RunOutcome.SUCCEEDED);
        }
    }
}
