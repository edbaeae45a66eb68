package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/**
 * {@code keep_verified} through the real command line with real rsync dated copies
 * ({@code keep: 1}) and a real borg repository ({@code keep_last: 1}): the newest backup proven
 * restorable by a full test restore survives prunes that would delete it, and goes once a newer
 * backup is proven; a {@code restore --path} check proves nothing; a dry run says what stays and
 * why; a ledger that cannot be read prunes nothing.
 */
class KeepVerifiedIT {
    private static final String PASSPHRASE = "keep verified 7Qx";
    private static final Map<String, String> ENV = Map.of("BORG_PASSPHRASE", PASSPHRASE);

    @TempDir
    Path dir;

    private void config(String extra) throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("borg", "borg");
        SampleTree.make(dir.resolve("live"));
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        new LocalCommandRunner().run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned, keep: 1%s}
                  vault: {type: borg, repo: '%s', base_dir: '%s', keep_last: 1%s}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies, vault]
                """.formatted(extra, repo, base, extra));
    }

    private CliProcess.Result rdump(String... args) throws Exception {
        return CliProcess.run(dir, ENV, args);
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result r = rdump(args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    /** A backup run in a later second than every run before (a new stamp); returns its stamp. */
    private String backup() throws Exception {
        CliProcess.nextSecond();
        List<String> before = copies();
        CliProcess.Result r = ok("backup");
        List<String> after = new java.util.ArrayList<>(copies());
        after.removeAll(before);
        assertThat(after).as(r.stdout() + r.stderr()).hasSize(1);
        last = r;
        return after.get(0);
    }

    private CliProcess.Result last;

    private List<String> copies() throws Exception {
        Path d = dir.resolve("backups/sample");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{8}T\\d{6}Z")).sorted().toList();
        }
    }

    private List<String> archives() throws Exception {
        return new LocalCommandRunner().run(Command.of("borg", "list", "--short", dir.resolve("repo").toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE))
                .withEnv("BORG_BASE_DIR", dir.resolve("borg-base").toString())
                .withTimeout(Duration.ofMinutes(1))).stdoutLines().stream().map(l -> l.substring("sample-".length()))
                .sorted().toList();
    }

    @Test
    void theProvenBackupOutlivesTheRetentionUntilANewerOneIsProven() throws Exception {
        config("");
        String a = backup();
        ok("verify", "sample", "--tool", "copies");
        ok("verify", "sample", "--tool", "vault");

        CliProcess.nextSecond();
        CliProcess.Result dry = ok("backup", "--dry-run");
        assertThat(dry.stdout()).contains("apply the retention of 'copies' (rsync) to sample; it keeps " + a
                + ", which is the newest backup of sample in 'copies' proven restorable (verify ")
                .contains("apply the retention of 'vault' (borg) to sample; it keeps " + a + ", which is the newest"
                + " backup of sample in 'vault' proven restorable (verify ");

        String b = backup();
        assertThat(copies()).containsExactly(a, b);
        assertThat(archives()).containsExactly(a, b);
        assertThat(last.stdout() + last.stderr()).contains("kept: " + a + " is the newest backup of sample in 'copies'"
                + " proven restorable").contains("kept: " + a + " is the newest backup of sample in 'vault' proven");

        // a check of some paths of b proves nothing: b still goes
        ok("restore", "sample", "--tool", "copies", "--archive", b, "--path", "etc", "--to",
                dir.resolve("out").toString());
        String c = backup();
        assertThat(copies()).containsExactly(a, c);
        assertThat(archives()).containsExactly(a, c);

        // a dry run with two backups beyond the retention: the proven one stays, the other would go
        CliProcess.nextSecond();
        ok("backup");
        String x = copies().get(copies().size() - 1);
        dry = ok("backup", "--dry-run");
        assertThat(dry.stdout()).contains("rsync: kept: " + a + " is the newest backup of sample in 'copies' proven"
                + " restorable (verify ").contains("borg 'vault': kept: " + a + " is the newest backup of sample in"
                + " 'vault' proven restorable (verify ").doesNotContain("borg delete");
        assertThat(copies()).containsExactly(a, x);
        assertThat(archives()).containsExactly(a, x);
        c = x;

        ok("verify", "sample", "--tool", "copies");
        ok("verify", "sample", "--tool", "vault");
        String d = backup();
        assertThat(copies()).containsExactly(c, d);
        assertThat(archives()).containsExactly(c, d);
    }

    @Test
    void withKeepVerifiedOffTheRetentionAloneDecides() throws Exception {
        config(", keep_verified: false");
        String a = backup();
        ok("verify", "sample", "--tool", "copies");
        ok("verify", "sample", "--tool", "vault");
        String b = backup();
        assertThat(copies()).containsExactly(b);
        assertThat(archives()).containsExactly(b);
        assertThat(a).isLessThan(b);
    }

    @Test
    void aLedgerThatCannotBeReadPrunesNothingUntilABackupIsProvenAgain() throws Exception {
        config("");
        String a = backup();
        ok("verify", "sample", "--tool", "copies");
        ok("verify", "sample", "--tool", "vault");
        Files.write(dir.resolve(".rdump.yaml.lock.ledger"), new byte[4096]);
        Files.writeString(dir.resolve(".rdump.yaml.lock.ledger"), "not an SQLite file at all ".repeat(100));

        String b = backup();
        assertThat(copies()).containsExactly(a, b);
        assertThat(archives()).containsExactly(a, b);
        assertThat(last.stderr()).contains("rsync 'copies': prune skipped: keep_verified: the ledger ")
                .contains("borg 'vault': prune skipped: keep_verified: the ledger ")
                .contains("is damaged");

        // the damaged file was set aside; the new ledger proves nothing yet, so still nothing goes
        String c = backup();
        assertThat(copies()).containsExactly(a, b, c);
        assertThat(last.stderr()).contains("prune skipped: keep_verified: the ledger was set aside as damaged");

        ok("verify", "sample", "--tool", "copies");
        ok("verify", "sample", "--tool", "vault");
        String d = backup();
        assertThat(copies()).containsExactly(c, d);
        assertThat(archives()).containsExactly(c, d);
    }
}
