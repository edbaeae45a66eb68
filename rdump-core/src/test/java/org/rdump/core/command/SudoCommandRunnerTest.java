package org.rdump.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;

class SudoCommandRunnerTest {

    /** A stand-in sudo: logs its argv, fails -v when told to, else runs the command after "--". */
    static LocalCommandRunner withFakeSudo(Path dir, boolean needsPassword) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, """
                #!/bin/sh
                echo "$*" >> %s
                if [ "$2" = "-v" ]; then exit %d; fi
                while [ "$1" != "--" ]; do shift; done; shift
                exec "$@"
                """.formatted(dir.resolve("sudo.log"), needsPassword ? 1 : 0));
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new LocalCommandRunner(bin + ":" + System.getenv("PATH"));
    }

    @Test
    void runsThroughSudoAndKeepsTheTimestampAlive(@TempDir Path dir) throws Exception {
        try (SudoCommandRunner sudo = new SudoCommandRunner(withFakeSudo(dir, false), Duration.ofMillis(100))) {
            sudo.start();
            assertThat(sudo.run(Command.of("echo", "as root")).stdout()).isEqualTo("as root\n");
            Thread.sleep(450);
        }
        var log = Files.readAllLines(dir.resolve("sudo.log"));
        assertThat(log).contains("-n -- echo as root");
        assertThat(log.stream().filter(l -> l.equals("-n -v")).count()).as("initial check + keep-alives")
                .isGreaterThanOrEqualTo(3);
        long after = log.size();
        Thread.sleep(300);
        assertThat(Files.readAllLines(dir.resolve("sudo.log"))).as("keep-alive stops on close").hasSize((int) after);
    }

    @Test
    void aPasswordPromptIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        try (SudoCommandRunner sudo = new SudoCommandRunner(withFakeSudo(dir, true), Duration.ofMinutes(4))) {
            assertThatThrownBy(sudo::start).isInstanceOf(RdumpException.class)
                    .hasMessage("sudo needs a password and rdump never prompts: run 'sudo -v' just before rdump, add a"
                            + " NOPASSWD rule for the backup commands, or run rdump as root");
        }
    }
}
