package org.rdump.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.core.run.Journal;

/**
 * What the run journal costs a step: one undo record written and synced, then marked done
 * (unsynced), as for every child process a run starts and every resource a step creates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class JournalBenchmark {
    private Path dir;
    private Journal journal;
    private long n;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("rdump-journal-bench");
        journal = Journal.open(dir.resolve("j.journal"));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        Files.deleteIfExists(dir.resolve("j.journal"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public void recordThenDone() {
        Undo u = Undo.of("process", (n++) + " started 2026-12-01T12:00:00Z", "rdump",
                new UndoAction.Delete(Path.of("/tmp/x")));
        journal.record(u);
        journal.done(u);
    }
}
