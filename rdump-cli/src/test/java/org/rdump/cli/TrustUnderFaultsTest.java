package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in-process with the real plugins: every plugin's settings are checked by
 * {@code check-config}, and a configured secret never reaches stdout, stderr or a log line.
 */
class TrustUnderFaultsTest {
    private static final String SECRET = "correct-horse-battery-staple";

    @TempDir
    Path dir;

    @org.junit.jupiter.api.extension.RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    private int rdump(String yaml, String... args) throws Exception {
        Path config = dir.resolve("rdump.yaml");
        Files.writeString(config, yaml);
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.run(all);
    }

    private String stderr() {
        return stdio.stderr();
    }

    @Test
    void checkConfigRunsEveryPluginsOwnChecks() throws Exception {
        int code = rdump("""
                tools:
                  copies: {type: rsync, dest: /srv/copies, mode: versioned, keep: -5}
                  vault: {type: borg, repo: /srv/borg, keep_daily: 0}
                zfs-volumes:
                  - {name: home, dataset: tank/home, prune: {hanoi: 0}, actions: [rsure]}
                simple:
                  - {name: boot, mount: /boot, actions: [copies, vault]}
                """, "check-config");

        assertThat(code).isEqualTo(ExitCode.CONFIG);
        assertThat(stderr()).isEqualTo("rdump: invalid configuration (3 problems):\n"
                + "  rdump.yaml:2:61 tools.copies.keep: expected a number of copies from 1 up, found -5\n"
                + "  rdump.yaml:3:40 tools.vault.keep_daily: expected a count from 1 up, found 0 (leave"
                + " 'keep_daily' out to keep no archives by that rule)\n"
                + "  rdump.yaml:5:46 zfs-volumes[0].prune.hanoi: expected a count from 1 to 100000, found 0\n");
    }

    @Test
    void aControlCharacterInAPassphraseIsRefusedWithoutShowingIt() throws Exception {
        int code = rdump("""
                tools:
                  vault: {type: borg, repo: /srv/borg, passphrase: "%s\\tx"}
                simple:
                  - {name: boot, mount: /boot, actions: [vault]}
                """.formatted(SECRET), "check-config");

        assertThat(code).isEqualTo(ExitCode.CONFIG);
        assertThat(stderr()).isEqualTo("rdump: invalid configuration: rdump.yaml:2:40 tools.vault.passphrase:"
                + " 'passphrase' contains a control character (U+0009) at character 29; a secret must be"
                + " printable text (its value is not shown here)\n");
    }

    @Test
    void aSecretQuotedByAFailingProgramIsMaskedInMessagesLogsAndStackTraces() throws Exception {
        Path borg = dir.resolve("borg.sh");
        // answers the pre-flight's list, then fails the create
        Files.writeString(borg, "#!/bin/sh\n[ \"$1\" = list ] && exit 0\n"
                + "echo \"wrong passphrase '$BORG_PASSPHRASE' for $BORG_REPO\" >&2\nexit 2\n");
        Files.setPosixFilePermissions(borg, PosixFilePermissions.fromString("rwx------"));
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Files.writeString(boot.resolve("f"), "x");
        String yaml = """
                tools:
                  vault: {type: borg, repo: %s, wrapper: %s, passphrase: %s}
                simple:
                  - {name: boot, mount: %s, actions: [vault]}
                lock: %s
                scratch: %s
                """.formatted(dir.resolve("repo"), borg, SECRET, boot, dir.resolve("lock"), dir.resolve("scratch"));

        int code = rdump(yaml, "-vv", "backup");

        String all = stdio.stdout() + stderr();
        assertThat(code).isNotZero();
        assertThat(all).doesNotContain(SECRET)
                .contains("rdump: INFO: " + borg + ": wrong passphrase '******' for " + dir.resolve("repo"))
                .contains("CommandFailedException: (cd " + boot + ") BORG_PASSPHRASE=******")
                .as("only secrets are masked: borg's plain settings stay readable")
                .contains(" BORG_RELOCATED_REPO_ACCESS_IS_OK=no BORG_REPO=" + dir.resolve("repo"))
                .contains("failed (exit 2):\n  wrong passphrase '******' for " + dir.resolve("repo"));
    }
}
