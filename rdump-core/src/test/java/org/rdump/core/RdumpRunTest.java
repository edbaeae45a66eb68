package org.rdump.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunEvent;
import org.rdump.api.command.CommandFailedException;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.run.RunResult;
import org.rdump.core.simple.SimpleStrategy;

class RdumpRunTest {

    @Test
    void aSimpleVolumeIsStampedManifestedAndCopiedWithRealCommands(@TempDir Path dir) throws Exception {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Files.writeString(boot.resolve("vmlinuz"), "kernel");
        Files.createDirectories(dir.resolve("backups"));
        Fakes.RecordingStore store = new Fakes.RecordingStore();
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        Rdump rdump = Rdump.builder().config(dir.resolve("rdump.yaml"), """
                        tools:
                          copies: {type: copy, dest: backups}
                        simple:
                          - {name: boot, mount: boot, actions: [rsure, copies]}
                        """)
                .plugins(PluginRegistry.of(new SimpleStrategy(), new Fakes.CopyTool(), store))
                .listener(events::add).build();

        RunResult r = rdump.plan().run();

        assertThat(r.succeeded()).as(String.valueOf(r.failure())).isTrue();
        assertThat(r.performed()).isEqualTo(6); // stamp, empty-tree guard, manifest, copy, prune, guard clear
        assertThat(store.calls).containsExactly("update " + boot);
        String stamp = Files.readString(boot.resolve("snapstamp")).trim();
        assertThat(stamp).matches("\\d{8}T\\d{6}Z");
        assertThat(dir.resolve("backups/boot-" + stamp + "/vmlinuz")).hasContent("kernel");
        assertThat(dir.resolve("backups/boot-" + stamp + "/snapstamp")).exists();
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Report).isNotEmpty();
        assertThat(dir.resolve(".rdump.yaml.lock")).exists().isEmptyFile(); // released
    }

    @Test
    void aFailingToolFailsTheRunWithTheCommandsError(@TempDir Path dir) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("boot")).resolve("vmlinuz"), "kernel");
        Rdump rdump = Rdump.builder().config(dir.resolve("rdump.yaml"), """
                        tools:
                          copies: {type: copy, dest: backups, fail: true}
                        simple:
                          - {name: boot, mount: boot, actions: [copies]}
                        """)
                .plugins(PluginRegistry.of(new SimpleStrategy(), new Fakes.CopyTool(), new Fakes.RecordingStore()))
                .build();
        RunResult r = rdump.plan("boot").run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.failure()).isInstanceOf(CommandFailedException.class).hasMessageContaining("false");
        assertThat(r.performed()).isEqualTo(2); // the stamp and the empty-tree guard
    }
}
