package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;

class LocalCommandRunnerSearchPathTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void programIsFoundInTheGivenSearchPathNotTheJvmPath() throws IOException {
        script("rdump-standin-probe", "echo found \"$1\"");
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");

        var result = new LocalCommandRunner(path).run(Command.of("rdump-standin-probe", "x y"));

        assertThat(result.stdout()).isEqualTo("found x y\n");
        assertThatThrownBy(() -> new LocalCommandRunner().run(Command.of("rdump-standin-probe")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("rdump-standin-probe could not be started");
    }

    @Test
    void childrenGetTheSearchPathAsPath() throws IOException {
        script("rdump-print-path", "printf '%s' \"$PATH\"");
        String path = dir.resolve("bin") + ":/usr/bin:/bin";

        var result = new LocalCommandRunner(path).run(Command.of("rdump-print-path"));

        assertThat(result.stdout()).isEqualTo(path);
    }

    @Test
    void aStandInShadowsAProgramOfTheSameNameLaterInThePath() throws IOException {
        script("true", "echo shadowed; exit 3");
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");

        assertThatThrownBy(() -> new LocalCommandRunner(path).run(Command.of("true")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("true failed (exit 3)");
    }

    @Test
    void theCommandKeepsItsBareNameInMessages() throws IOException {
        script("rdump-fails", "echo broken >&2; exit 5");
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");

        assertThatThrownBy(() -> new LocalCommandRunner(path).run(Command.of("rdump-fails", "a")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("rdump-fails a failed (exit 5):\n  broken");
    }
}
