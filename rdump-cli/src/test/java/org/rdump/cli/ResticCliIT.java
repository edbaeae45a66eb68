package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeSnapshot;

/**
 * A restic repository through the real command line: {@code backup --verify}, {@code list},
 * {@code restore} of the whole tree and of one path, {@code keep_verified} beside
 * {@code keep_last: 1}, and a wrong password.
 */
class ResticCliIT {
    private static final String PASSWORD = "restic through the cli 7Qx";

    @TempDir
    Path dir;

    private void config(String extra) throws Exception {
        RequiredTools.need("restic", "restic");
        SampleTree.make(dir.resolve("live"));
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        restic("init");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  vault: {type: restic, repo: '%s', password_file: '%s', cache_dir: '%s', keep_last: 1%s}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, vault]
                """.formatted(dir.resolve("repo"), dir.resolve("pw"), dir.resolve("cache"), extra));
    }

    private String restic(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("restic"));
        argv.addAll(List.of(args));
        return new LocalCommandRunner().run(Command.of(argv).withEnv("RESTIC_REPOSITORY", dir.resolve("repo").toString())
                .withEnv("RESTIC_PASSWORD_FILE", dir.resolve("pw").toString())
                .withEnv("RESTIC_CACHE_DIR", dir.resolve("cache").toString())
                .withTimeout(Duration.ofMinutes(2))).stdout();
    }

    private List<String> stamps() {
        List<String> out = new java.util.ArrayList<>();
        for (Object o : org.rdump.api.support.Json.asList(org.rdump.api.support.Json.parse(restic("snapshots", "--json")))) {
            for (Object t : org.rdump.api.support.Json.asList(org.rdump.api.support.Json.asMap(o).get("tags"))) {
                if (t instanceof String tag && tag.startsWith("rdump-stamp=")) {
                    out.add(tag.substring("rdump-stamp=".length()));
                }
            }
        }
        return out.stream().sorted().toList();
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, Map.of(), args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    @Test
    void backupVerifyListRestoreAndKeepVerified() throws Exception {
        config("");
        CliProcess.nextSecond();
        CliProcess.Result b = ok("backup", "--verify");
        assertThat(stamps()).hasSize(1);
        String a = stamps().get(0);
        assertThat(b.stdout() + b.stderr()).contains("vault").contains("matches the manifest");

        CliProcess.Result list = ok("list", "sample");
        assertThat(list.stdout()).contains("sample  " + a).contains("vault (restic)");

        Path out = dir.resolve("out");
        ok("restore", "sample", "--to", out.toString());
        TreeSnapshot live = TreeSnapshot.of(dir.resolve("live"));
        assertThat(TreeSnapshot.of(out).differencesFrom(live)).isEmpty();
        Path part = dir.resolve("part");
        ok("restore", "sample", "--to", part.toString(), "--path", "etc");
        try (var s = Files.list(part)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("etc");
        }

        // a is proven by the verify: two backups later it is still there beside the newest (keep_last: 1)
        CliProcess.nextSecond();
        ok("backup");
        CliProcess.nextSecond();
        CliProcess.Result last = ok("backup");
        assertThat(stamps()).hasSize(2).contains(a);
        assertThat(last.stdout() + last.stderr()).contains("restic 'vault': kept: " + a
                + " is the newest backup of sample in 'vault' proven restorable");
    }

    @Test
    void everyKindOfEntryAndOddNamesComeBackThroughTheCommandLine() throws Exception {
        config("");
        Path live = OddTree.make(dir.resolve("live"));
        CliProcess.Result b = ok("backup", "--verify");
        assertThat(b.stdout() + b.stderr()).contains("matches the manifest");

        Path out = dir.resolve("out");
        ok("restore", "sample", "--to", out.toString());
        assertThat(OddTree.stat(out)).isEqualTo(OddTree.stat(live)).containsEntry("fifo", "fifo 0:0 1")
                .containsEntry("null-device", "character special file 1:3 1")
                .containsEntry("with space/second name", "regular file 0:0 2").containsKey("line\nbreak");
        ok("verify", "sample");
    }

    @Test
    void aWrongPasswordFailsTheVolumeWithAHint() throws Exception {
        config("");
        Files.writeString(dir.resolve("pw"), "not it\n");
        CliProcess.Result r = CliProcess.run(dir, Map.of(), "backup");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Fatal: wrong password or no key found")
                .contains("the password of restic tool 'vault'").contains("is wrong: check 'password_file' at");
    }
}
