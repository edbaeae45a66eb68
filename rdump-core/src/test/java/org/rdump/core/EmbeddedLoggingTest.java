package org.rdump.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secrets;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.run.RunResult;
import org.rdump.core.simple.SimpleStrategy;
import org.slf4j.LoggerFactory;

/**
 * An application that embeds rdump with its own SLF4J backend (logback here, on this module's
 * test class path and nothing else) receives rdump's log lines with no bridge and no setup.
 */
class EmbeddedLoggingTest {

    @Test
    void anEmbeddingApplicationsLogbackReceivesTheRunsLogLines(@TempDir Path dir) throws Exception {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            Files.writeString(Files.createDirectories(dir.resolve("boot")).resolve("vmlinuz"), "kernel");
            Files.createDirectories(dir.resolve("backups"));
            Rdump rdump = Rdump.builder().config(dir.resolve("rdump.yaml"), """
                            tools:
                              copies: {type: copy, dest: backups}
                            simple:
                              - {name: boot, mount: boot, actions: [copies]}
                            """)
                    .plugins(PluginRegistry.of(new SimpleStrategy(), new Fakes.CopyTool(), new Fakes.RecordingStore()))
                    .build();

            RunResult r = rdump.plan().run();

            assertThat(r.succeeded()).as(String.valueOf(r.failure())).isTrue();
            assertThat(seen.list)
                    .filteredOn(e -> e.getLoggerName().equals("rdump.command") && e.getLevel() == Level.DEBUG)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("run: ").contains("cp", "-a", dir.resolve("boot").toString()));
        } finally {
            root.detachAppender(seen);
            root.setLevel(before);
        }
    }

    @Test
    void aSecretAProgramPrintsIsMaskedBeforeItReachesTheApplicationsBackend(@TempDir Path dir) throws Exception {
        String secret = "embedded-" + System.nanoTime() + "-passphrase";
        Secrets.register(secret);
        Path secretFile = Files.writeString(dir.resolve("secret"), secret + "\n");
        Path program = Files.writeString(dir.resolve("complain"), "#!/bin/sh\necho \"wrong passphrase '$(cat \"$1\")'\" >&2\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            new LocalCommandRunner().run(Command.of(program.toString(), secretFile.toString()));
        } finally {
            root.detachAppender(seen);
            root.setLevel(before);
        }
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains(program + ": wrong passphrase '******'")
                .noneMatch(m -> m.contains(secret));
    }
}
