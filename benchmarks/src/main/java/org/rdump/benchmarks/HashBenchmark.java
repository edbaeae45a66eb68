package org.rdump.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rdump.integrity.hash.HashOptions;
import org.rdump.integrity.hash.ParallelHasher;

/**
 * The hashing engine ({@link ParallelHasher}) over 128 MiB of files of one size, read with
 * {@code mmap} or {@code read()}, on 1..N threads. The score is MiB/s (one operation = 1 MiB).
 * The files live in a fresh temporary directory ({@code -Drdump.bench.tmp=DIR} picks its parent);
 * they have just been written, so they are in the page cache (the machine needs 128 MiB free).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class HashBenchmark {
    static final int TOTAL_MIB = 128;

    /** Bytes per file: 4 KiB, 1 MiB, 64 MiB. */
    @Param({"4096", "1048576", "67108864"})
    public long fileSize;

    /** {@code mmap}: map every file; {@code read}: read() into the pooled buffer. */
    @Param({"mmap", "read"})
    public String method;

    @Param({"1", "2"})
    public int threads;

    private Path root;
    private List<Path> files;
    private HashOptions options;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = TempTree.newRoot("rdump-hash-bench");
        int count = (int) ((long) TOTAL_MIB * (1 << 20) / fileSize);
        files = TempTree.files(root, count, fileSize, 1000);
        HashOptions d = HashOptions.defaults().withThreads(threads);
        options = d.withMmapThreshold("mmap".equals(method) ? 0 : Long.MAX_VALUE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempTree.delete(root);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL_MIB)
    public long hashAll() throws IOException {
        long[] acc = new long[1];
        try (ParallelHasher<Path> h = new ParallelHasher<>(options, (p, r) -> {
            if (r.sha1() == null) {
                throw new IOException("not hashed: " + p, r.error());
            }
            acc[0] += r.sha1().charAt(0);
        }, p -> { })) {
            for (Path f : files) {
                h.submit(f, f, fileSize);
            }
            h.finish();
        }
        return acc[0];
    }
}
