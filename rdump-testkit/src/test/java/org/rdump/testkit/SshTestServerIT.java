package org.rdump.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;

/** The test sshd is a real OpenSSH server: keys, known_hosts and quoting as a remote host has them. */
class SshTestServerIT {
    @TempDir
    Path dir;

    @Test
    void runsACommandOverARealSshConnectionWithEachWordArrivingWhole() {
        try (SshTestServer server = SshTestServer.start(dir.resolve("sshd"))) {
            CommandResult r = server.run("printf", "%s|", "a b", "it's", "$(echo no)");

            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo("a b|it's|$(echo no)|");
            assertThat(server.run("sh", "-c", "echo $SSH_CONNECTION").stdout()).startsWith("127.0.0.1 ")
                    .contains(" " + server.port());
        }
    }

    @Test
    void aHostKeyOtherThanTheKnownOneIsRefusedAndTheServerStopsOnClose() throws Exception {
        SshTestServer server = SshTestServer.start(dir.resolve("sshd"));
        Path otherKnown = dir.resolve("other_known_hosts");
        try {
            Files.writeString(otherKnown, Files.readString(server.knownHosts())
                    .replaceAll("ssh-ed25519 \\S+", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBa1zBdKwmrZtLyiIK8Hwgq+p9MdPnDY8hE1XKGh2w2A"));
            List<String> argv = new ArrayList<>(server.ssh());
            argv.addAll(List.of("-o", "UserKnownHostsFile=" + otherKnown, "--", server.host(), "true"));
            CommandResult r = new LocalCommandRunner().run(Command.of(argv).accepting(0, 255));

            assertThat(r.exitCode()).isEqualTo(255);
            assertThat(r.stderr()).contains("HOST IDENTIFICATION HAS CHANGED");
        } finally {
            server.close();
        }
        assertThat(server.run("true").exitCode()).as("nothing listens any more").isEqualTo(255);
    }
}
