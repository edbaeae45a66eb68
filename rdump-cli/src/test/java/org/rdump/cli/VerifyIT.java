package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.RunEvent;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.Rdump;
import org.rdump.core.run.RunResult;
import org.rdump.testkit.CapturingCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;

/**
 * {@code rdump verify} end to end with the real plugins, real rsync and real borg: a backup of
 * {@link SampleTree} (simple strategy, rsure manifest, one tool) verifies clean; after the backup
 * is damaged in the five ways of {@link SampleTree#tamper}, verify fails (exit 5 on the command
 * line, {@link DifferencesFoundException} through {@link Rdump}) and prints exactly one rsure
 * line per damage.
 */
class VerifyIT {
    private static final String PASSPHRASE = "e2e passphrase, not for argv 5Kq";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path rsyncConfig(String mode) throws Exception {
        SampleTree.make(dir.resolve("live"));
        return CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: %s}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies]
                """.formatted(mode));
    }

    @Test
    void rsyncVersionedCopyTamperedInPlaceFailsWithExit5() throws Exception {
        RequiredTools.need("rsync", "rsync");
        rsyncConfig("versioned");

        CliProcess.Result backup = CliProcess.run(dir, "backup", "--verify");
        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        assertThat(backup.stdout()).contains(": every file matches the manifest");

        List<Path> copies;
        try (Stream<Path> s = Files.list(dir.resolve("backups/sample"))) {
            copies = s.toList();
        }
        assertThat(copies).hasSize(1);
        Path copy = copies.get(0);
        SampleTree.tamper(copy);

        CliProcess.Result verify = CliProcess.run(dir, "verify");
        assertThat(verify.exitCode()).as(verify.stderr()).isEqualTo(5);
        assertThat(SampleTree.differenceLines(verify.stdout()))
                .containsExactlyElementsOf(SampleTree.tamperedLines(copy.toString()));
        assertThat(verify.stderr()).contains(": test restore of " + copy.getFileName()
                + " (volume sample, 'copies'): 5 differences from the manifest (listed at the end)");
        assertThat(SampleTree.differenceLines(verify.stderr())).as("the differences are printed once").isEmpty();
    }

    @Test
    void rsyncMirrorTamperedInPlaceFailsThroughTheFacade() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path config = rsyncConfig("mirror");
        List<String> reports = new ArrayList<>();
        Rdump rdump = Rdump.builder().config(config).listener(e -> {
            if (e instanceof RunEvent.Report r) {
                reports.add(r.message());
            }
        }).build();

        RunResult backup = rdump.backup(List.of(), true).run();
        assertThat(backup.firstError()).isEmpty();
        assertThat(reports).contains("test restore of mirror (volume sample, 'copies'): every file matches the"
                + " manifest");

        Path mirror = dir.resolve("backups/sample");
        SampleTree.tamper(mirror);
        RunResult verify = rdump.verify(List.of(), null).run();

        assertThat(verify.succeeded()).isFalse();
        assertThat(verify.firstError()).containsInstanceOf(DifferencesFoundException.class);
        DifferencesFoundException d = (DifferencesFoundException) verify.firstError().orElseThrow();
        assertThat(d.report().lines()).containsExactlyElementsOf(SampleTree.tamperedLines(mirror.toString()));
        assertThat(d.report().differences()).hasSize(5);
    }

    @Test
    void aFailedTestRestoreDoesNotKeepTheOtherVolumesFromTheirs() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("a"));
        TreeFixture.at(dir.resolve("b")).file("b.txt", "bbb\n").file("c.txt", "ccc\n");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: mirror}
                simple:
                  - {name: a, mount: a, actions: [rsure, copies]}
                  - {name: b, mount: b, actions: [rsure, copies]}
                """);
        assertThat(Rdump.load(dir.resolve("rdump.yaml")).backup(List.of(), false).run().succeeded()).isTrue();
        SampleTree.tamper(dir.resolve("backups/a"));
        Files.delete(dir.resolve("backups/b/c.txt"));

        CliProcess.Result verify = CliProcess.run(dir, "verify");

        assertThat(verify.exitCode()).as(verify.stderr()).isEqualTo(5);
        List<String> expected = new ArrayList<>(SampleTree.tamperedLines(dir.resolve("backups/a").toString()));
        expected.add("- file                   \"" + dir.resolve("backups/b/c.txt") + "\"");
        assertThat(SampleTree.differenceLines(verify.stdout())).containsExactlyElementsOf(expected);
        assertThat(verify.stdout()).contains("[2/2] verify b: ", "verify FAILED in ", ": 0 of 2 steps");
        assertThat(verify.stderr()).contains(
                ": test restore of mirror (volume a, 'copies'): 5 differences from the manifest (listed at the end)",
                ": test restore of mirror (volume b, 'copies'): 1 difference from the manifest (listed at the end)");
        assertThat(verify.stderr().lines()).as("each volume's error once").hasSize(2);
    }

    /**
     * A borg archive cannot be edited, so the damaged backup is made the way a faulty backup
     * would make one: after rdump's backup, the live tree is changed in the five ways but its
     * manifest is left as it was (still describing the tree rdump backed up), and that tree is
     * archived with plain {@code borg create} under a newer archive name. The newest archive then
     * holds a manifest that does not describe the files next to it, which is exactly what verify
     * exists to catch; nothing in the restore or the check is faked.
     */
    /** borg stores no sockets: a socket in the tree is named as not checked, and the test restore passes. */
    @Test
    void aSocketThatBorgDoesNotStoreIsReportedAndDoesNotFailTheTestRestore() throws Exception {
        RequiredTools.need("borg", "borg");
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        LocalCommandRunner local = new LocalCommandRunner();
        local.run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        Path live = SampleTree.make(dir.resolve("live"));
        try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(java.net.UnixDomainSocketAddress.of(live.resolve("etc/app.sock")));
        }
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  vault: {type: borg, repo: '%s', base_dir: '%s'}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, vault]
                """.formatted(repo, base));

        CliProcess.Result backup = CliProcess.run(dir, Map.of("BORG_PASSPHRASE", PASSPHRASE), "backup", "--verify");

        assertThat(backup.exitCode()).as(backup.stdout() + backup.stderr()).isZero();
        assertThat(backup.stdout() + backup.stderr()).containsPattern("test restore of sample-\\d{8}T\\d{6}Z \\(volume"
                + " sample, 'vault'\\): not checked, because borg does not store them: 1 sock \\(\\S*/etc/app.sock\\)");
    }

    @Test
    void borgRepokeyArchiveWithFilesThatDoNotMatchItsManifestFails() throws Exception {
        RequiredTools.need("borg", "borg");
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        Path scratch = dir.resolve("scratch");
        LocalCommandRunner local = new LocalCommandRunner();
        local.run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        Path live = SampleTree.make(dir.resolve("live"));
        String yaml = """
                scratch: scratch
                tools:
                  vault: {type: borg, repo: '%s', base_dir: '%s'%s}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, vault]
                """;
        Path config = CliProcess.write(dir.resolve("rdump.yaml"), yaml.formatted(repo, base, ""));
        // the command line gets the passphrase from its environment only; it is in no file and no argument
        Map<String, String> env = Map.of("BORG_PASSPHRASE", PASSPHRASE);

        CliProcess.Result backup = CliProcess.run(dir, env, "backup", "--verify");
        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        assertThat(backup.stdout()).containsPattern("test restore of sample-\\d{8}T\\d{6}Z \\(volume sample,"
                + " 'vault'\\): every file matches the manifest");

        SampleTree.tamper(live);
        String tampered = "sample-" + STAMP.format(Instant.now().plus(Duration.ofHours(1)));
        local.run(Command.of("borg", "create", "::" + tampered, ".").withWorkingDirectory(live)
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withEnv("BORG_REPO", repo.toString()).withTimeout(Duration.ofMinutes(1)));

        CliProcess.Result verify = CliProcess.run(dir, env, "verify");
        assertThat(verify.exitCode()).as(verify.stderr()).isEqualTo(5);
        assertThat(rooted(SampleTree.differenceLines(verify.stdout()), scratch))
                .containsExactlyElementsOf(SampleTree.tamperedLines("ROOT"));
        assertThat(verify.stderr()).contains(": test restore of " + tampered
                + " (volume sample, 'vault'): 5 differences from the manifest (listed at the end)");
        assertThat(SampleTree.differenceLines(verify.stderr())).isEmpty();
        assertThat(backup.stdout() + backup.stderr() + verify.stdout() + verify.stderr()).doesNotContain(PASSPHRASE);
        // the archive rdump made is still whole: --archive picks it instead of the newest
        Matcher made = Pattern.compile("test restore of (sample-\\d{8}T\\d{6}Z) ").matcher(backup.stdout());
        assertThat(made.find()).isTrue();
        CliProcess.Result older = CliProcess.run(dir, env, "verify", "--archive", made.group(1));
        assertThat(older.exitCode()).as(older.stderr()).isZero();
        assertThat(older.stdout()).contains("test restore of " + made.group(1) + " (volume sample, 'vault'): every"
                + " file matches the manifest");

        // the same through the facade; here the passphrase comes from the configuration (into BORG_PASSPHRASE)
        CapturingCommandRunner runner = new CapturingCommandRunner(local);
        Rdump rdump = Rdump.builder().config(config, yaml.formatted(repo, base, ", passphrase: '" + PASSPHRASE + "'"))
                .runner(runner).build();
        RunResult result = rdump.verify(List.of(), null).run();

        assertThat(result.firstError()).containsInstanceOf(DifferencesFoundException.class);
        DifferencesFoundException d = (DifferencesFoundException) result.firstError().orElseThrow();
        assertThat(rooted(d.report().lines(), scratch)).containsExactlyElementsOf(SampleTree.tamperedLines("ROOT"));
        assertThat(runner.commands()).extracting(c -> c.argv().get(1)).containsExactly("list", "list", "extract"); // archives, then the members an extract would write
        assertThat(runner.commands()).allSatisfy(c -> assertThat(c.argv()).noneMatch(a -> a.contains(PASSPHRASE)));
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("test restores are cleaned up").isEmpty();
        }
    }

    /** The lines with the test restore's scratch directory (it has a random name) shown as ROOT. */
    private static List<String> rooted(List<String> lines, Path scratch) {
        Pattern restored = Pattern.compile(Pattern.quote(scratch.toString()) + "/rdump-[^/]+/verify-sample-vault");
        return lines.stream().map(l -> restored.matcher(l).replaceFirst(Matcher.quoteReplacement("ROOT"))).toList();
    }
}
