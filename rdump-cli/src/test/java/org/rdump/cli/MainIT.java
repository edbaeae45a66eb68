package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.core.run.RunLock;

class MainIT {

    @Test
    void versionAndHelp(@TempDir Path dir) throws Exception {
        var r = CliProcess.run(dir, "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("rdump ").contains("(rdump-api " + org.rdump.api.RdumpApi.VERSION + ")");
        var h = CliProcess.run(dir, "--help");
        assertThat(h.stdout()).contains("backup", "verify", "plugins", "Exit codes: 0 ok");
    }

    @Test
    void pluginsListsEveryProviderWithItsModule(@TempDir Path dir) throws Exception {
        var r = CliProcess.run(dir, "--json", "plugins");
        assertThat(r.exitCode()).isZero();
        JsonNode plugins = Json.MAPPER.readTree(r.stdout()).get("plugins");
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p.get("id").asText()).isEqualTo("simple");
            assertThat(p.get("spi").asText()).isEqualTo("Strategy");
            assertThat(p.get("module").asText()).isEqualTo("rdump-core");
        });
        assertThat(plugins).anySatisfy(p -> assertThat(p.get("id").asText()).isEqualTo("rsync"));
    }

    @Test
    void anInvalidConfigExitsWith3AndNamesThePosition(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), "simple:\n  - name: boot\n    mount: /boot\n    actoins: [rsure]\n");
        var r = CliProcess.run(dir, "backup", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("rdump.yaml:4:5 simple[0].actoins: unknown key 'actoins' (did you mean"
                + " 'actions'?)").contains("rdump.yaml:2:5 simple[0]: missing required key 'actions'");
    }

    @Test
    void noConfigAnywhereExitsWith3(@TempDir Path dir) throws Exception {
        var r = CliProcess.run(dir, "--config", "missing.yaml", "backup");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("missing.yaml: no such file");
    }

    @Test
    void unknownVolumeNameExitsWith3AndUsageErrorsWith2(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), "test-marker:\n  - {name: a, marker: m, actions: []}\n");
        var r = CliProcess.run(dir, "backup", "-n", "b");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("no volume named 'b'; configured volumes: a");
        assertThat(CliProcess.run(dir, "backup", "--no-such-option").exitCode()).isEqualTo(2);
    }

    @Test
    void aHeldLockExitsWith4(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), "test-marker:\n  - {name: a, marker: m, actions: []}\n");
        try (RunLock lock = RunLock.acquire(dir.resolve(".rdump.yaml.lock"), "test")) {
            var r = CliProcess.run(dir, "backup");
            assertThat(r.exitCode()).isEqualTo(4);
            assertThat(r.stderr()).contains("another rdump run holds the lock").contains("pid "
                    + ProcessHandle.current().pid());
        }
    }

    @Test
    void sigintDuringAStepCleansUpAndExits130(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), "test-marker:\n  - {name: a, marker: snap.marker, sleep: 60,"
                + " actions: []}\n");
        Process p = CliProcess.start(dir, "backup");
        Path marker = dir.resolve("snap.marker");
        for (int i = 0; i < 200 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertThat(marker).as("the snapshot step ran").exists();
        Thread.sleep(300); // now in the sleep step
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits well before the step's 60 s").isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(marker).as("cleanup removed the snapshot").doesNotExist();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(err).contains("interrupted");
    }

    @Test
    void dryRunPrintsThePlanAndRunsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), "test-marker:\n  - {name: a, marker: snap.marker, sleep: 5,"
                + " actions: []}\n");
        var r = CliProcess.run(dir, "backup", "--dry-run");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("dry run of " + dir.toRealPath().resolve("rdump.yaml"))
                .contains(" 1. snapshot [a] create " + dir.toRealPath().resolve("snap.marker"))
                .contains(" 2. backup [a] sleep 5", "      $ sleep 5");
        assertThat(dir.resolve("snap.marker")).doesNotExist();
    }

    @Test
    void aRunKilledWithoutCleanupIsCleanedUpByTheNextRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), "test-marker:\n"
                + "  - {name: a, marker: a.marker, sleep: 60, actions: []}\n"
                + "  - {name: b, marker: b.marker, sleep: 0, actions: []}\n");
        Process p = CliProcess.start(dir, "backup", "a");
        Path marker = dir.resolve("a.marker");
        for (int i = 0; i < 200 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(marker).as("the killed run left its 'snapshot' behind").exists();
        assertThat(dir.resolve(".rdump.yaml.lock.journal")).exists();

        var r = CliProcess.run(dir, "backup", "b");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).containsPattern("an earlier run was killed before its cleanups; undoing the 3 things it"
                + " left: process [0-9]+ started [^,]+, marker " + marker + ", scratch ");
        assertThat(r.stderr()).contains("stopping sleep (pid ");
        assertThat(marker).as("the next run cleaned it up").doesNotExist();
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").equals("sleep 60")))
                .as("the killed run's child was stopped").isEmpty();
        assertThat(dir.resolve(".rdump.yaml.lock.journal")).doesNotExist();
    }
}
