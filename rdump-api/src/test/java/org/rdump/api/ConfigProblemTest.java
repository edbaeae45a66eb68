package org.rdump.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A problem's location read as its parts, in each form the loader and the plugins write it. */
class ConfigProblemTest {

    @Test
    void positionAndKeyPath() {
        ConfigProblem p = new ConfigProblem("/etc/rdump/rdump.yaml:4:5 simple[0].actoins",
                "unknown key 'actoins'; expected one of: name, actions");
        assertThat(p.file()).isEqualTo("/etc/rdump/rdump.yaml");
        assertThat(p.line()).hasValue(4);
        assertThat(p.column()).hasValue(5);
        assertThat(p.keyPath()).contains("simple[0].actoins");
        assertThat(p.hint()).contains("expected one of: name, actions");
    }

    @Test
    void positionWithoutKeyPath() {
        ConfigProblem p = new ConfigProblem("rdump.yaml:12:1", "line 12 is 70000 characters long");
        assertThat(p.file()).isEqualTo("rdump.yaml");
        assertThat(p.line()).hasValue(12);
        assertThat(p.keyPath()).isEmpty();
        assertThat(p.hint()).as("no advice in the message").isEmpty();
    }

    @Test
    void theWholeFile() {
        ConfigProblem p = new ConfigProblem("/tmp/my dir/rdump.yaml", "no such file; write one");
        assertThat(p.file()).isEqualTo("/tmp/my dir/rdump.yaml");
        assertThat(p.line()).isEqualTo(OptionalInt.empty());
        assertThat(p.column()).isEmpty();
        assertThat(p.keyPath()).isEmpty();
        assertThat(p.hint()).contains("write one");
    }

    @Test
    void aFileAndAKeyWithoutPosition() {
        ConfigProblem p = new ConfigProblem("/etc/rdump.yaml tools.vault.repo", "expected a repository");
        assertThat(p.file()).isEqualTo("/etc/rdump.yaml");
        assertThat(p.keyPath()).contains("tools.vault.repo");
        assertThat(p.line()).isEmpty();
    }
}
