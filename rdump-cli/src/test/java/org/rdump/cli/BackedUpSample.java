package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/**
 * A {@code simple:} volume {@code sample} whose live tree is {@link SampleTree} (plus a hard
 * link), backed up by the real command line to two destinations: {@code copies} (rsync, dated
 * copies under {@code backups/}) and {@code vault} (a fresh borg repository, passphrase in the
 * environment only). For the restore tests.
 */
final class BackedUpSample {
    static final String PASSPHRASE = "restore passphrase, not for argv 7Qz";
    static final Map<String, String> ENV = Map.of("BORG_PASSPHRASE", PASSPHRASE);

    final Path dir;
    final Path live;

    private BackedUpSample(Path dir, Path live) {
        this.dir = dir;
        this.live = live;
    }

    /** Makes the repository, the live tree and {@code rdump.yaml} in {@code dir}; backs up nothing yet. */
    static BackedUpSample in(Path dir) throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("borg", "borg");
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        new LocalCommandRunner().run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        Path live = SampleTree.make(dir.resolve("live"));
        org.rdump.testkit.TreeFixture.at(live).file("etc/version", "one\n")
                .hardLink("var/lib/app/data.link", "var/lib/app/data.bin");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                  vault: {type: borg, repo: '%s', base_dir: '%s'}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies, vault]
                """.formatted(repo, base));
        return new BackedUpSample(dir, live);
    }

    /** Runs {@code rdump backup} and returns the run's stamp. */
    String backup() throws Exception {
        CliProcess.Result r = rdump("backup");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return Files.readString(live.resolve("snapstamp")).strip();
    }

    /** Runs rdump in {@link #dir} with the passphrase in the environment. */
    CliProcess.Result rdump(String... args) throws Exception {
        return CliProcess.run(dir, ENV, args);
    }

    /** The rsync copy of the backup {@code stamp}. */
    Path copy(String stamp) {
        return dir.resolve("backups/sample/" + stamp);
    }
}
