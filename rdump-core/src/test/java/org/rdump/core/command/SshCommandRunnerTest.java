package org.rdump.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.RecordingCommandRunner;

class SshCommandRunnerTest {
    static final List<String> NASTY = List.of("plain", "with space", "it's", "\"double\"", "$(touch /tmp/pwned)",
            "`id`", "a;b", "*", "back\\slash", "", "new\nline", "-n", "tab\there", "~root", "x=y");

    @Test
    void wrapsTheArgvIntoOneQuotedRemoteCommand() {
        SshCommandRunner ssh = new SshCommandRunner("backup@nas", new RecordingCommandRunner());
        Command c = ssh.wrap(Command.of("zfs", "list", "-H", "tank/my data"));
        assertThat(c.argv()).containsExactly("ssh", "-o", "BatchMode=yes", "backup@nas", "--",
                "zfs list -H 'tank/my data'");
    }

    /**
     * A stand-in ssh that behaves as ssh does: it drops its options and the host, joins the rest with spaces
     * and hands the result to a shell. Every argument must arrive exactly as given.
     */
    @Test
    void everyArgumentReachesTheRemoteProgramExactly(@TempDir Path dir) throws Exception {
        Path fakeSsh = dir.resolve("ssh");
        Files.writeString(fakeSsh, """
                #!/bin/sh
                # options and host, then "--": the rest is the remote command line
                while [ "$1" != "--" ]; do shift; done; shift
                exec /bin/sh -c "$*"
                """);
        Files.setPosixFilePermissions(fakeSsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path marker = Path.of("/tmp/pwned");
        Files.deleteIfExists(marker);
        SshCommandRunner ssh = new SshCommandRunner("host", new LocalCommandRunner(), List.of(fakeSsh.toString()));

        List<String> argv = new ArrayList<>(List.of("printf", "[%s]\\n"));
        argv.addAll(NASTY);
        String out = ssh.run(Command.of(argv)).stdout();

        StringBuilder expected = new StringBuilder();
        NASTY.forEach(a -> expected.append('[').append(a).append("]\n"));
        assertThat(out).isEqualTo(expected.toString());
        assertThat(marker).as("no command substitution ran").doesNotExist();
    }

    @Test
    void workingDirectoryBecomesAQuotedCd(@TempDir Path dir) throws Exception {
        Path fakeSsh = dir.resolve("ssh");
        Files.writeString(fakeSsh, "#!/bin/sh\nwhile [ \"$1\" != \"--\" ]; do shift; done; shift\nexec /bin/sh -c \"$*\"\n");
        Files.setPosixFilePermissions(fakeSsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path odd = Files.createDirectory(dir.resolve("it's a dir"));
        SshCommandRunner ssh = new SshCommandRunner("host", new LocalCommandRunner(), List.of(fakeSsh.toString()));
        assertThat(ssh.run(Command.of("pwd").withWorkingDirectory(odd)).stdout().trim()).isEqualTo(odd.toString());
    }

    @Test
    void secretsInTheEnvironmentAreRefusedRatherThanPutOnACommandLine() {
        SshCommandRunner ssh = new SshCommandRunner("nas", new RecordingCommandRunner());
        assertThatThrownBy(() -> ssh.wrap(Command.of("borg", "list").withEnv("BORG_PASSPHRASE", Secret.of("hunter2"))))
                .isInstanceOf(RdumpException.class)
                .hasMessageContaining("[BORG_PASSPHRASE]")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sudoPreservesEnvironmentByNameOnly() {
        Command c = SudoCommandRunner.wrap(Command.of("borg", "create").withEnv("BORG_PASSPHRASE", Secret.of("hunter2")));
        assertThat(c.argv()).containsExactly("sudo", "-n", "--preserve-env=BORG_PASSPHRASE", "--", "borg", "create");
        assertThat(String.join(" ", c.argv()) + c).doesNotContain("hunter2");
    }
}
