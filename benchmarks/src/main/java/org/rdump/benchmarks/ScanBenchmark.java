package org.rdump.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.scan.TreeScanner;

/**
 * The stat-only walk of a 20,000-file tree (200 directories of 100 files, two levels): the
 * engine's {@link TreeScanner} against two plain-JDK baselines that do the same system calls with
 * less work around them. The score is entries per second (one operation = one file).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class ScanBenchmark {
    static final int DIRS = 200;
    static final int FILES_PER_DIR = 100;
    static final int FILES = DIRS * FILES_PER_DIR;
    private static final String UNIX_ATTRS = "unix:mode,ino,dev,rdev,uid,gid,ctime,size,lastModifiedTime";

    private Path root;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = TempTree.newRoot("rdump-scan-bench");
        TempTree.smallFileTree(root, DIRS, FILES_PER_DIR, 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempTree.delete(root);
    }

    /** The engine: sorted, rsure-ordered node stream with attributes, no hashing. */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public long treeScanner() throws IOException {
        long n = 0;
        try (TreeScanner s = TreeScanner.of(root)) {
            for (Node node = s.next(); node != null; node = s.next()) {
                if (node instanceof Node.File) {
                    n++;
                }
            }
        }
        if (n != FILES) {
            throw new IllegalStateException("scanned " + n + " files, expected " + FILES);
        }
        return n;
    }

    /** Baseline: {@code Files.walkFileTree} with basic attributes (one lstat per entry). */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public long walkFileTreeBasic() throws IOException {
        long[] n = new long[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                n[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }

    /**
     * Baseline: the scanner's system calls (a directory stream, then one {@code unix:} attribute
     * read per entry, as {@code Entry.stat}) without sorting, escaping or building nodes.
     */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public long listAndStatUnix() throws IOException {
        long n = 0;
        ArrayDeque<Path> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dirs.pop())) {
                for (Path p : ds) {
                    Map<String, Object> a = Files.readAttributes(p, UNIX_ATTRS, LinkOption.NOFOLLOW_LINKS);
                    int mode = (Integer) a.get("mode");
                    if ((mode & 0170000) == 0040000) {
                        dirs.push(p);
                    } else {
                        n += (Long) a.get("size");
                    }
                }
            }
        }
        return n;
    }
}
