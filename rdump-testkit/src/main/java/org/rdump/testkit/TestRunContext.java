package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.UndoLog;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.RecordingCommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunContext} for tests: a given runner (real or recording), a fixed or system clock,
 * and every event kept for assertions.
 */
public final class TestRunContext implements RunContext {
    private final CommandRunner runner;
    private final Clock clock;
    private final boolean dryRun;
    private final String stamp;
    private final Path scratch;
    private final List<RunEvent> events = new ArrayList<>();
    private volatile UndoLog undo = UndoLog.NONE;

    public TestRunContext(CommandRunner runner, Clock clock, boolean dryRun, String stamp, Path scratch) {
        this.runner = runner;
        this.clock = clock;
        this.dryRun = dryRun;
        this.stamp = stamp;
        this.scratch = scratch;
    }

    /** Runs real programs; scratch files go under {@code scratch}. */
    public static TestRunContext real(Path scratch) {
        return new TestRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, "20261124T101500Z", mkdirs(scratch));
    }

    /** Records commands without running them (not a dry run: steps do their Java work). */
    public static TestRunContext recording(RecordingCommandRunner runner, Path scratch) {
        return new TestRunContext(runner, Clock.systemUTC(), false, "20261124T101500Z", mkdirs(scratch));
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CommandRunner runner() {
        return runner;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public RunListener listener() {
        return e -> {
            synchronized (events) {
                events.add(e);
            }
        };
    }

    @Override
    public String runStamp() {
        return stamp;
    }

    @Override
    public Path scratchDirectory() {
        return scratch;
    }

    @Override
    public Logger logger(String name) {
        return LoggerFactory.getLogger(name);
    }

    @Override
    public UndoLog undo() {
        return undo;
    }

    /** Steps run with this context journal into {@code log} (default: nothing is journaled). */
    public TestRunContext journalingInto(UndoLog log) {
        this.undo = java.util.Objects.requireNonNull(log, "log");
        return this;
    }

    /** Every event raised so far. */
    public List<RunEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The messages of the warnings raised so far. */
    public List<String> warnings() {
        return events().stream().filter(e -> e instanceof RunEvent.Warning)
                .map(e -> ((RunEvent.Warning) e).message()).toList();
    }
}
