package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.SshTestServer;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * Backup, verify and restore through the command line to a dated-copy destination on a real
 * sshd on 127.0.0.1, of a tree with hard links, a symlink, a FIFO and odd names.
 */
class RsyncRemoteCliIT {
    @TempDir
    Path dir;

    @Test
    void backupVerifyAndRestoreOverSshGiveBackTheTree() throws Exception {
        RequiredTools.need("rsync", "rsync");
        try (SshTestServer server = SshTestServer.start(dir.resolve("sshd"))) {
            Path live = TreeFixture.at(dir.resolve("live")).file("etc/host.conf", "hostname=e2e\n")
                    .hardLink("etc/hard", "etc/host.conf").symlink("odd name/it's a link", "../etc/host.conf")
                    .file("odd name/\u00fcn\u00efc\u00f6d\u00e9 $(x)", "odd\n").root();
            new LocalCommandRunner().run(Command.of("mkfifo", live.resolve("fifo").toString()));
            CliProcess.write(dir.resolve("rdump.yaml"), """
                    tools:
                      far:
                        type: rsync
                        dest: %s@127.0.0.1:%s
                        mode: versioned
                        keep: 1
                        ssh: {port: %d, identity_file: %s, options: [UserKnownHostsFile=%s, IdentitiesOnly=yes]}
                    simple:
                      - {name: sample, mount: live, actions: [rsure, far]}
                    """.formatted(System.getProperty("user.name"), dir.resolve("far"), server.port(),
                    server.clientKey(), server.knownHosts()));

            CliProcess.Result backup = CliProcess.run(dir, "backup", "--verify");

            assertThat(backup.exitCode()).as(backup.stderr() + backup.stdout()).isZero();
            assertThat(backup.stdout()).contains("every file matches the manifest");
            try (var s = Files.list(dir.resolve("far/sample"))) {
                assertThat(s.toList()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                        .matches("\\d{8}T\\d{6}Z"));
            }

            CliProcess.Result restore = CliProcess.run(dir, "restore", "sample", "--to", "out");

            assertThat(restore.exitCode()).as(restore.stderr() + restore.stdout()).isZero();
            assertThat(TreeSnapshot.of(dir.resolve("out")).differencesFrom(TreeSnapshot.of(live))).isEmpty();
            assertThat(Files.getAttribute(dir.resolve("out/etc/hard"), "unix:nlink")).isEqualTo(2);
            assertThat(Files.readSymbolicLink(dir.resolve("out/odd name/it's a link")).toString())
                    .isEqualTo("../etc/host.conf");
        }
    }
}
