package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.cli.CliProcess.Result;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.StandInPrograms;

/**
 * The keepalive line of a run whose stderr is a pipe (a log, the journal), through the real
 * command line: a backup held in rsync by a stand-in that runs the real rsync and then sleeps
 * prints plain lines naming the step and rsync's progress; a short run prints none.
 */
class KeepaliveIT {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("data"));
        return CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: mirror}
                simple:
                  - {name: data, mount: data, actions: [copies]}
                """);
    }

    @Test
    void aLongRunPrintsPlainLinesWithTheStepAndItsProgress() throws Exception {
        Path cfg = config();
        String real = RequiredTools.which("rsync").orElseThrow().toString();
        StandInPrograms slow = StandInPrograms.in(Files.createDirectories(dir.resolve("standins")))
                .add("rsync", "'" + real + "' \"$@\"; rc=$?\nsleep 4\nexit $rc");
        Result r = CliProcess.run(dir, Map.of("PATH", slow.path(), Keepalive.ENV, "1s"),
                "--config", cfg.toString(), "backup");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        var lines = r.stderr().lines().filter(l -> l.startsWith("rdump: still running after ")).toList();
        assertThat(lines).as(r.stderr()).isNotEmpty();
        assertThat(lines).allMatch(l -> l.matches("rdump: still running after \\d+s: .*"));
        String step = "] backup data: rsync backup of " + dir.resolve("data") + " to 'copies' as the mirror "
                + dir.resolve("backups/data") + " (for ";
        assertThat(lines).anyMatch(l -> l.contains(step) && l.contains("); rsync: "));
        assertThat(r.stderr() + r.stdout()).as("no escape codes or carriage returns in a log")
                .doesNotContain("\u001b", "\r");
    }

    @Test
    void aShortRunPrintsNone() throws Exception {
        Path cfg = config();
        Result r = CliProcess.run(dir, "--config", cfg.toString(), "backup");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("still running");
    }

    @Test
    void aBadIntervalIsWarnedAboutAndTheDefaultUsed() throws Exception {
        Path cfg = config();
        Result r = CliProcess.run(dir, Map.of(Keepalive.ENV, "soon"), "--config", cfg.toString(), "backup");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("rdump: warning: $RDUMP_PROGRESS_INTERVAL='soon' is not an interval such as"
                + " 30s or 5m (0 or off for none); using 30s");
    }
}
