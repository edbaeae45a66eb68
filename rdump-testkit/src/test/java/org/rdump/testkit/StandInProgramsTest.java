package org.rdump.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;

class StandInProgramsTest {

    @TempDir
    Path tmp;

    @Test
    void recordsEveryCallWithItsArgumentsInOrder() {
        StandInPrograms p = StandInPrograms.in(tmp).add("tool", "echo ran");

        assertThat(p.runner().run(Command.of("tool", "a b", "", "-x")).stdout()).isEqualTo("ran\n");
        p.runner().run(Command.of("tool"));

        assertThat(p.calls()).containsExactly(List.of("tool", "a b", "", "-x"), List.of("tool"));
        assertThat(p.callLines()).containsExactly("tool a b  -x", "tool");
    }

    @Test
    void bodyEmulatesStateUnderTheStateDirectory() {
        StandInPrograms p = StandInPrograms.in(tmp)
                .add("put", "echo \"$2\" > \"$STANDIN_STATE/$1\"")
                .add("get", "cat \"$STANDIN_STATE/$1\"");

        p.runner().run(Command.of("put", "k", "v"));

        assertThat(p.runner().run(Command.of("get", "k")).stdout()).isEqualTo("v\n");
        assertThat(p.state().resolve("k")).hasContent("v");
    }

    @Test
    void failsOnDemandBeforeTheBodyRunsUntilToldToSucceed() {
        StandInPrograms p = StandInPrograms.in(tmp).add("touchit", "touch \"$STANDIN_STATE/touched\"");
        p.fail("touchit", 7, "touchit: broken on purpose");

        assertThatThrownBy(() -> p.runner().run(Command.of("touchit")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("touchit failed (exit 7):\n  touchit: broken on purpose");
        assertThat(p.state().resolve("touched")).doesNotExist();

        p.succeed("touchit");
        p.runner().run(Command.of("touchit"));
        assertThat(p.state().resolve("touched")).exists();
        assertThat(p.calls()).hasSize(2);
    }

    @Test
    void passThroughRecordsAndRunsTheRealProgram() {
        StandInPrograms p = StandInPrograms.in(tmp).passThrough("mkdir");
        Path dir = tmp.resolve("made/deep");

        p.runner().run(Command.of("mkdir", "-p", dir.toString()));

        assertThat(dir).isDirectory();
        assertThat(p.calls()).containsExactly(List.of("mkdir", "-p", dir.toString()));
    }

    @Test
    void bodiesUseTheRealToolsNotTheStandIns() throws Exception {
        StandInPrograms p = StandInPrograms.in(tmp).add("cat", "echo fake cat").add("reader", "cat \"$1\"");
        Path f = Files.writeString(tmp.resolve("f"), "real content");

        assertThat(p.runner().run(Command.of("reader", f.toString())).stdout()).isEqualTo("real content");
        assertThat(p.calls("cat")).isEmpty();
    }

    @Test
    void clearCallsForgetsTheLog() {
        StandInPrograms p = StandInPrograms.in(tmp).add("x", "true");
        p.runner().run(Command.of("x"));

        p.clearCalls();

        assertThat(p.calls()).isEmpty();
    }

    @Test
    void rejectsNamesThatAreNotPlainProgramNames() {
        assertThatThrownBy(() -> StandInPrograms.in(tmp).add("../evil", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a plain program name: ../evil");
    }
}
