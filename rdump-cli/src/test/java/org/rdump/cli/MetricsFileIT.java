package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;

/**
 * The {@code metrics_file:} after real runs (rsync and borg destinations): every line is valid
 * Prometheus text format (a strict line check, and {@code promtool check metrics}), the values are
 * the run's, a failed run counts, and the example alert rules load ({@code promtool check rules}).
 */
class MetricsFileIT {
    private static final String PASSPHRASE = "metrics passphrase, not for argv 9Wd";
    private static final Pattern LINE = Pattern.compile("# HELP rdump_[a-z_]+ [^\\n]+|# TYPE rdump_[a-z_]+ (gauge|counter)"
            + "|(rdump_[a-z_]+)\\{(volume=\"[^\"\\\\]*\"(,destination=\"[^\"\\\\]*\")?)\\} (-?\\d+(\\.\\d+)?|NaN)");
    private static final Pattern MANIFEST = Pattern.compile("manifest version \\d+: (\\d+) files, \\d+ dirs, ");

    @TempDir
    Path dir;

    private final LocalCommandRunner local = new LocalCommandRunner();

    /** Every sample, {@code name{labels}} to value, after a strict check of every line. */
    private Map<String, String> samples() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("metrics/rdump.prom"), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            assertThat(m.matches()).as("a valid line: " + l).isTrue();
            if (m.group(2) != null) {
                out.put(m.group(2) + "{" + m.group(3) + "}", m.group(5));
            }
        }
        return out;
    }

    private void promtoolAccepts() throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true)
                .redirectInput(dir.resolve("metrics/rdump.prom").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).as("no lint problems").isBlank();
    }

    @Test
    void theMetricsFileHoldsTheRunsFiguresAndCountsAFailure() throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("borg", "borg");
        RequiredTools.need("prometheus", "promtool");
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        local.run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        SampleTree.make(dir.resolve("live"));
        TreeFixture.at(dir.resolve("other")).file("x.txt", "x\n");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                metrics_file: metrics/rdump.prom
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                  vault: {type: borg, repo: '%s', base_dir: '%s'}
                simple:
                  - {name: sample, mount: live, actions: [rsure, copies, vault]}
                  - {name: other, mount: other, actions: [rsure, copies]}
                """.formatted(repo, base));
        Map<String, String> env = Map.of("BORG_PASSPHRASE", PASSPHRASE);

        CliProcess.Result backup = CliProcess.run(dir, env, "backup", "--verify", "sample");

        assertThat(backup.exitCode()).as(backup.stdout() + backup.stderr()).isZero();
        promtoolAccepts();
        Map<String, String> s = samples();
        String stamp;
        try (Stream<Path> copies = Files.list(dir.resolve("backups/sample"))) {
            stamp = copies.findFirst().orElseThrow().getFileName().toString();
        }
        String epoch = Long.toString(ArchiveInfo.STAMP.parse(stamp, Instant::from).getEpochSecond());
        Matcher files = MANIFEST.matcher(backup.stdout());
        assertThat(files.find()).isTrue();
        for (String d : List.of("copies", "vault")) {
            String labels = "{volume=\"sample\",destination=\"" + d + "\"}";
            assertThat(s).containsEntry("rdump_last_success_timestamp_seconds" + labels, epoch)
                    .containsEntry("rdump_last_verified_timestamp_seconds" + labels, epoch)
                    .containsEntry("rdump_backup_files" + labels, files.group(1))
                    .containsEntry("rdump_verify_differences" + labels, "0");
            assertThat(Double.parseDouble(s.get("rdump_backup_duration_seconds" + labels))).isPositive();
            assertThat(Long.parseLong(s.get("rdump_backup_bytes" + labels))).isPositive();
        }
        assertThat(s).containsEntry("rdump_last_success_timestamp_seconds{volume=\"other\",destination=\"copies\"}", "0")
                .containsEntry("rdump_last_verified_timestamp_seconds{volume=\"other\",destination=\"copies\"}", "0")
                .containsEntry("rdump_run_failures_total{volume=\"sample\"}", "0")
                .containsEntry("rdump_run_failures_total{volume=\"other\"}", "0")
                .doesNotContainKey("rdump_backup_files{volume=\"other\",destination=\"copies\"}");

        org.rdump.api.support.Trees.delete(dir.resolve("other"));
        Files.createDirectory(dir.resolve("other"));
        assertThat(CliProcess.run(dir, env, "backup", "other").exitCode()).isEqualTo(1);

        promtoolAccepts();
        Map<String, String> after = samples();
        assertThat(after).containsEntry("rdump_run_failures_total{volume=\"other\"}", "1")
                .containsEntry("rdump_run_failures_total{volume=\"sample\"}", "0")
                .containsEntry("rdump_last_success_timestamp_seconds{volume=\"sample\",destination=\"copies\"}", epoch);
        try (Stream<Path> left = Files.list(dir.resolve("metrics"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .containsExactly("rdump.prom");
        }
    }

    @Test
    void theExampleAlertRulesLoad() throws Exception {
        RequiredTools.need("prometheus", "promtool");
        Path rules = Path.of("..", "examples", "rdump-alerts.yml").toAbsolutePath().normalize();
        CommandResult r = local.run(Command.of("promtool", "check", "rules", rules.toString())
                .withTimeout(Duration.ofMinutes(1)));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("SUCCESS: 6 rules found");
    }
}
