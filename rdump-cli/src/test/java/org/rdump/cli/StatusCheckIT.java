package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;

/**
 * {@code rdump status --check} through the real command line, on real rsync backups of three
 * volumes: {@code fresh} (backed up and test-restored), {@code unproven} (backed up, never
 * test-restored) and {@code broken} (its only run failed). The clock is the test's: {@code --now}
 * judges the same ledger a day or nine days later. The backups are made once for all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCheckIT {
    /** One perfdata item: 'label'=value[UOM];[warn];[crit];[min];[max] (monitoring-plugins guidelines). */
    private static final Pattern PERFDATA =
            Pattern.compile("('[^']+'|[^ ='\"]+)=(U|-?\\d+(\\.\\d+)?(s|ms|us|%|B|KB|MB|TB|c)?)(;(-?\\d+(\\.\\d+)?)?){0,4}");

    @TempDir
    static Path dir;

    private Instant fresh;

    @BeforeAll
    void backUp() throws Exception {
        RequiredTools.need("rsync", "rsync");
        for (String v : List.of("fresh", "unproven", "broken")) {
            TreeFixture.at(dir.resolve(v)).file("etc/" + v + ".conf", v + "\n").file("data/a.txt", "aaa\n");
        }
        write("");
        assertThat(CliProcess.run(dir, "backup", "--verify", "fresh").exitCode()).isZero();
        assertThat(CliProcess.run(dir, "backup", "unproven").exitCode()).isZero();
        org.rdump.api.support.Trees.delete(dir.resolve("broken"));
        Files.createDirectory(dir.resolve("broken"));
        assertThat(CliProcess.run(dir, "backup", "broken").exitCode()).isEqualTo(1);
        try (Stream<Path> s = Files.list(dir.resolve("backups/fresh"))) {
            fresh = ArchiveInfo.STAMP.parse(s.findFirst().orElseThrow().getFileName().toString(), Instant::from);
        }
    }

    @AfterEach
    void plainConfig() throws Exception {
        write("");
    }

    private void write(String freshExtra) throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                simple:
                  - {name: fresh, mount: fresh, %sactions: [rsure, copies]}
                  - {name: unproven, mount: unproven, actions: [rsure, copies]}
                  - {name: broken, mount: broken, actions: [rsure, copies]}
                """.formatted(freshExtra));
    }

    private CliProcess.Result check(String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("status", "--check"), Stream.of(args)).toArray(String[]::new);
        return CliProcess.run(dir, all);
    }

    private String at(Duration later) {
        return fresh.plus(later).toString();
    }

    @Test
    void theWorstVolumeDecidesAndEachVolumeGetsItsLine() throws Exception {
        CliProcess.Result all = check();

        assertThat(all.exitCode()).as(all.stdout() + all.stderr()).isEqualTo(2);
        String first = all.lines().get(0);
        assertThat(first).startsWith("RDUMP CRITICAL - broken: last backup run failed ")
                .contains("; unproven: never proven restorable (run 'rdump verify unproven'); 1 OK | ");
        String perf = first.substring(first.indexOf(" | ") + 3);
        assertThat(perf.split(" ")).hasSize(12).allSatisfy(p -> assertThat(p).matches(PERFDATA));
        assertThat(perf).contains("broken_backup_age=U;93600;;0", "unproven_proven_age=U;691200;;0");
        assertThat(all.lines()).hasSize(4);
        assertThat(all.lines().get(1)).startsWith("fresh: OK - backed up to 'copies' ");
        assertThat(all.lines().get(2)).isEqualTo("unproven: UNKNOWN - never proven restorable (run 'rdump verify"
                + " unproven')");
        assertThat(all.lines().get(3)).startsWith("broken: CRITICAL - last backup run failed ")
                .contains(" is empty").endsWith("; never backed up to 'copies'; never proven restorable (run"
                        + " 'rdump verify broken')");
    }

    @Test
    void freshIsOkStaleIsWarningFailedIsCriticalNeverVerifiedIsUnknown() throws Exception {
        CliProcess.Result ok = check("fresh", "--now", at(Duration.ofHours(1)));
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.lines().get(0)).matches("RDUMP OK - 1 volume backed up and proven restorable \\| "
                + "fresh_backup_age=3600s;93600;;0 fresh_proven_age=3600s;691200;;0 fresh_files=\\d+;;;0"
                + " fresh_bytes=\\d+B;;;0");

        CliProcess.Result stale = check("fresh", "--now", at(Duration.ofHours(27)));
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.lines().get(0)).startsWith("RDUMP WARNING - fresh: last backup to 'copies' is 27h old"
                + " (max 26h) | fresh_backup_age=97200s;93600;;0 ");

        assertThat(check("broken").exitCode()).isEqualTo(2);
        CliProcess.Result unknown = check("unproven");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.lines().get(0)).startsWith("RDUMP UNKNOWN - unproven: never proven restorable");
    }

    @Test
    void thresholdsComeFromTheVolumeThenTheCommandLine() throws Exception {
        assertThat(check("fresh", "--now", at(Duration.ofHours(27)), "--max-age", "30h").exitCode()).isZero();

        CliProcess.Result unverified = check("fresh", "--now", at(Duration.ofDays(9)), "--max-age", "10d");
        assertThat(unverified.exitCode()).isEqualTo(1);
        assertThat(unverified.lines().get(0)).startsWith("RDUMP WARNING - fresh: newest backup proven restorable ("
                + ArchiveInfo.STAMP.format(fresh) + ") is 9d old (max 8d) | fresh_backup_age=777600s;864000;;0 ");

        write("max_age: 2d, max_unverified: 10d, ");
        assertThat(check("fresh", "--now", at(Duration.ofHours(27))).exitCode()).as("the volume's own 2d").isZero();
        assertThat(check("fresh", "--now", at(Duration.ofDays(9)), "--max-age", "1h").exitCode())
                .as("the volume's settings win over the command line").isEqualTo(1);
        CliProcess.Result lines = check("fresh", "--now", at(Duration.ofDays(9)));
        assertThat(lines.lines().get(1)).isEqualTo("fresh: WARNING - last backup to 'copies' is 9d old (max 2d)");
    }

    @Test
    void aBadThresholdIsAConfigErrorAndUnknownForTheCheck() throws Exception {
        write("max_age: soon, ");
        CliProcess.Result r = check();
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).startsWith("RDUMP UNKNOWN - invalid configuration").contains("simple[0].max_age:"
                + " expected an age such as 26h, 8d, 1d12h or 90m (units s, m, h, d, w), found 'soon'");
        CliProcess.Result plain = CliProcess.run(dir, "status");
        assertThat(plain.exitCode()).isEqualTo(3);
    }
}
