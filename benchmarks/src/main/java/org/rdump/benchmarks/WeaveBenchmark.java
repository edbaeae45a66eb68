package org.rdump.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.weave.DeltaInfo;
import org.rdump.integrity.weave.ManifestFile;

/**
 * The weave store ({@link ManifestFile}) with five stored versions of a 50,000-file tree
 * ({@link SyntheticManifest}): reading the latest version, reading every version, and adding a
 * sixth version (a changed tree: ~2% of the files changed, 0.5% deleted, 0.5% added). The score
 * is milliseconds per operation. {@code compression}: the file's suffix ({@code gz}: rsure's
 * default {@code 2sure.dat.gz}; {@code plain}: {@code 2sure.dat}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class WeaveBenchmark {
    static final int VERSIONS = 5;

    @Param({"gz", "plain"})
    public String compression;

    private Path root;
    private Path stored;
    private Path work;
    private Path nextStream;
    private ManifestFile workFile;
    private ManifestFile storedFile;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = TempTree.newRoot("rdump-weave-bench");
        String name = "gz".equals(compression) ? "2sure.dat.gz" : "2sure.dat";
        Files.createDirectories(root.resolve("stored"));
        Files.createDirectories(root.resolve("work"));
        stored = root.resolve("stored").resolve(name);
        work = root.resolve("work").resolve(name);
        storedFile = ManifestFile.at(stored);
        Path stream = root.resolve("stream.txt");
        for (int k = 1; k <= VERSIONS; k++) {
            SyntheticManifest.write(stream, k);
            storedFile.addVersion(Map.of("name", "v" + k), stream, Instant.ofEpochSecond(1_700_000_000L + k));
        }
        nextStream = root.resolve("next.txt");
        SyntheticManifest.write(nextStream, VERSIONS + 1);
        workFile = ManifestFile.at(work);
    }

    /** A fresh copy of the five-version weave before each {@link #addVersion} call. */
    @State(Scope.Thread)
    public static class FreshCopy {
        @Setup(Level.Invocation)
        public void copyWeave(WeaveBenchmark b) throws IOException {
            Files.copy(b.stored, b.work, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(b.workFile.backupFile());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempTree.delete(root);
    }

    @Benchmark
    public long readLatest() throws IOException {
        return count(storedFile, VERSIONS);
    }

    @Benchmark
    public long readAllVersions() throws IOException {
        long n = 0;
        for (DeltaInfo d : storedFile.versions()) {
            n += count(storedFile, d.number());
        }
        return n;
    }

    @Benchmark
    public int addVersion(FreshCopy copy) {
        return workFile.addVersion(Map.of("name", "v6"), nextStream, Instant.ofEpochSecond(1_800_000_000L)).number();
    }

    private static long count(ManifestFile f, int version) throws IOException {
        long n = 0;
        try (NodeSource s = f.read(version)) {
            for (Node node = s.next(); node != null; node = s.next()) {
                n++;
            }
        }
        if (n < SyntheticManifest.TOTAL_FILES) {
            throw new IllegalStateException("version " + version + " has only " + n + " nodes");
        }
        return n;
    }
}
