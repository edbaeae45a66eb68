package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.core.Rdump;
import org.rdump.core.run.RunResult;
import org.rdump.integrity.Sure;
import org.rdump.testkit.RequiredTools;

/**
 * The case the original rdump's author warned about: a file rewritten with the same size and
 * the same mtime after a backup is skipped by rsync's quick check (size and mtime), so the
 * mirror keeps the old bytes. The manifest is updated before the backup and rehashes the file
 * (its ctime changed), so the manifest that travels into the mirror has the new hash while the
 * mirror has the old content, and {@code rdump verify} reports exactly that file as
 * {@code [sha1]}.
 */
class RsyncQuickCheckIT {
    private static final Instant FIRST = Instant.parse("2026-11-24T10:15:00Z");

    @TempDir
    Path dir;

    @Test
    void fileRewrittenWithSameSizeAndMtimeIsSkippedByRsyncAndVerifyReportsIt() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path live = SampleTree.make(dir.resolve("live"));
        Path config = CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: mirror}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies]
                """);
        Path mirror = dir.resolve("backups/sample");
        Path conf = Path.of("etc/host.conf");

        assertThat(run(config, FIRST).succeeded()).isTrue();
        assertThat(mirror.resolve(conf)).hasContent("hostname=e2e");
        // Both runs happen within a second: the fixed clock gives snapstamps of one size, so without this
        // rsync's quick check would skip snapstamp too. Only host.conf must be skipped.
        Files.setLastModifiedTime(mirror.resolve("snapstamp"), FileTime.fromMillis(0));

        FileTime mtime = Files.getLastModifiedTime(live.resolve(conf));
        Files.writeString(live.resolve(conf), "hostname=E2E\n"); // same size
        Files.setLastModifiedTime(live.resolve(conf), mtime);
        // snapstamp is rewritten with the same size too: a later second keeps rsync from skipping it as well
        CliProcess.nextSecond();
        assertThat(run(config, FIRST.plusSeconds(60)).succeeded()).isTrue();

        // rsync's quick check skipped the file: the mirror still has the old bytes...
        assertThat(Files.readString(live.resolve(conf))).isEqualTo("hostname=E2E\n");
        assertThat(Files.readString(mirror.resolve(conf))).isEqualTo("hostname=e2e\n");
        assertThat(Files.getLastModifiedTime(mirror.resolve(conf))).isEqualTo(mtime);
        // ...while the manifest that went with it is the second version, which hashed the new bytes
        Sure mirrored = Sure.at(mirror).manifest(mirror.resolve("2sure.dat.gz"));
        assertThat(mirrored.versions()).hasSize(2);
        assertThat(Sure.at(live).manifest(live.resolve("2sure.dat.gz")).check().clean())
                .as("the manifest describes the live tree").isTrue();

        CliProcess.Result verify = CliProcess.run(dir, "verify");

        assertThat(verify.exitCode()).as(verify.stderr()).isEqualTo(5);
        assertThat(SampleTree.differenceLines(verify.stdout()))
                .containsExactly("  [sha1                ] \"" + mirror + "/etc/host.conf\"");
        assertThat(verify.stderr()).contains(": test restore of mirror (volume sample, 'copies'): 1 difference"
                + " from the manifest (listed at the end)");
    }

    private static RunResult run(Path config, Instant at) {
        return Rdump.builder().config(config).clock(Clock.fixed(at, ZoneOffset.UTC)).build()
                .backup(List.of(), false).run();
    }
}
