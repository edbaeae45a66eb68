package org.rdump.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context {@link Sure} runs in outside rdump's core: local programs, system clock. */
final class SimpleRunContext implements RunContext {
    private final RunListener listener;
    private final boolean dryRun;

    SimpleRunContext(RunListener listener, boolean dryRun) {
        this.listener = listener;
        this.dryRun = dryRun;
    }

    @Override
    public CommandRunner runner() {
        return new LocalCommandRunner();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public RunListener listener() {
        return listener;
    }

    @Override
    public String runStamp() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(clock().instant());
    }

    @Override
    public Path scratchDirectory() {
        try {
            return Files.createTempDirectory("rdump-sure");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Logger logger(String name) {
        return LoggerFactory.getLogger(name);
    }
}
