package org.rdump.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.rdump.integrity.Sure;
import org.rdump.integrity.hash.HashOptions;
import org.rdump.integrity.hash.ParallelHasher;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.scan.TreeScanner;

/**
 * Splits the cost of {@code rdump sure scan/update} on a real tree into phases, in one warm JVM,
 * reporting per phase the best wall time of R runs and the process CPU time (all threads, user +
 * sys) of that run, which the load of other processes on a shared machine disturbs less than wall
 * time. Phases: the stat-only scan; hashing every regular file on the engine's pool; the same
 * files hashed on one thread by the engine's read method and by a size-bounded read (a candidate
 * fix); a full {@code Sure.scan()}; {@code Sure.update()} with nothing changed.
 *
 * <p>The first run of each phase is reported apart: in a fresh JVM its excess over the best run
 * is the cost of class loading, interpretation and JIT compilation that every one-shot
 * {@code rdump} command pays.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.rdump.benchmarks.EngineProfile
 * DIR [RUNS [PHASE...]]}, phases {@code sure-scan sure-update scan walk-basic walk-unix hash hash1
 * hash1-mmap hash1-read loop-eof loop-bounded} (default: all, in that order). The manifest goes
 * to a temporary directory.
 */
public final class EngineProfile {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private EngineProfile() {}

    @FunctionalInterface
    interface Phase {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        try (TreeScanner s = TreeScanner.of(tree)) {
            for (Node n = s.next(); n != null; n = s.next()) {
                Path f = s.lastRegularFile();
                if (f != null) {
                    files.add(f);
                    sizes.add(s.lastSize());
                }
            }
        }
        Path tmp = Files.createTempDirectory("rdump-profile");
        Path manifest = tmp.resolve("p.dat.gz");
        Sure sure = Sure.at(tree).manifest(manifest);
        long bytes = sizes.stream().mapToLong(Long::longValue).sum();
        String reader;
        try (TreeScanner s = TreeScanner.of(tree)) {
            reader = s.readerName();
        }
        System.out.printf("%s: %d regular files, %d bytes; best of %d warm runs (after one warm-up run); directory reader %s (java %s)%n",
                tree, files.size(), bytes, runs, reader, System.getProperty("java.version"));
        java.util.Map<String, Phase> phases = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        phases.put("sure-scan", () -> {
            Files.deleteIfExists(manifest);
            Files.deleteIfExists(tmp.resolve("p.bak.gz"));
            return sure.scan().files();
        });
        names.put("sure-scan", "Sure.scan() (new manifest each run)");
        phases.put("sure-update", () -> {
            if (!Files.exists(manifest)) {
                sure.scan();
            }
            return sure.update().files();
        });
        names.put("sure-update", "Sure.update() nothing changed");
        phases.put("scan", () -> {
            long n = 0;
            try (TreeScanner s = TreeScanner.of(tree)) {
                for (Node x = s.next(); x != null; x = s.next()) {
                    n++;
                }
            }
            return n;
        });
        names.put("scan", "scan (stat only, TreeScanner)");
        phases.put("walk-basic", () -> walk(tree, "basic"));
        names.put("walk-basic", "walk: DirectoryStream + lstat (basic attributes)");
        phases.put("walk-unix", () -> walk(tree, "unix"));
        names.put("walk-unix", "walk: DirectoryStream + \"unix:...\" attribute map");
        phases.put("hash", () -> hashPool(files, sizes, HashOptions.defaults()));
        names.put("hash", "hash all files (ParallelHasher, defaults)");
        phases.put("hash1", () -> hashPool(files, sizes, HashOptions.defaults().withThreads(1)));
        names.put("hash1", "hash all files, 1 thread (ParallelHasher)");
        phases.put("hash1-mmap", () -> hashPool(files, sizes, HashOptions.defaults().withThreads(1).withMmapThreshold(0)));
        names.put("hash1-mmap", "hash all files, 1 thread, mmap every file");
        phases.put("hash1-read", () -> hashPool(files, sizes,
                HashOptions.defaults().withThreads(1).withMmapThreshold(Long.MAX_VALUE)));
        names.put("hash1-read", "hash all files, 1 thread, read() every file");
        phases.put("loop-eof", () -> hashBounded(files, sizes, false));
        names.put("loop-eof", "hash all files, 1 thread, read to EOF, no pool");
        phases.put("loop-bounded", () -> hashBounded(files, sizes, true));
        names.put("loop-bounded", "hash all files, 1 thread, size-bounded, no pool");
        List<String> chosen = args.length > 2 ? List.of(args).subList(2, args.length) : List.copyOf(phases.keySet());
        for (String c : chosen) {
            Phase p = phases.get(c);
            if (p == null) {
                throw new IllegalArgumentException("unknown phase " + c + "; phases: " + phases.keySet());
            }
            measure(names.get(c), runs, p);
        }
        TempTree.delete(tmp);
    }

    private static void measure(String name, int runs, Phase p) throws Exception {
        long c00 = OS.getProcessCpuTime();
        long t00 = System.nanoTime();
        p.run();
        double coldWall = (System.nanoTime() - t00) / 1e9;
        double coldCpu = (OS.getProcessCpuTime() - c00) / 1e9;
        double bestWall = Double.MAX_VALUE;
        double bestCpu = 0;
        for (int i = 0; i < runs; i++) {
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            p.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
            if (wall < bestWall) {
                bestWall = wall;
                bestCpu = cpu;
            }
        }
        System.out.printf("  %-48s first run: wall %7.3f s cpu %7.3f s | best: wall %7.3f s cpu %7.3f s%n", name,
                coldWall, coldCpu, bestWall, bestCpu);
    }

    /** The system calls of a stat walk with the JDK: basic attributes, or the scanner's unix map. */
    private static long walk(Path root, String how) throws IOException {
        long n = 0;
        java.util.ArrayDeque<Path> dirs = new java.util.ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dirs.pop())) {
                for (Path p : ds) {
                    boolean dir;
                    if ("basic".equals(how)) {
                        var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                                java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        dir = a.isDirectory();
                        n += a.size();
                    } else {
                        var a = Files.readAttributes(p, "unix:mode,ino,dev,rdev,uid,gid,ctime,size,lastModifiedTime",
                                java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        dir = ((Integer) a.get("mode") & 0170000) == 0040000;
                        n += (Long) a.get("size");
                    }
                    if (dir) {
                        dirs.push(p);
                    }
                }
            }
        }
        return n;
    }

    private static long hashPool(List<Path> files, List<Long> sizes, HashOptions o) throws IOException {
        long[] n = new long[1];
        try (ParallelHasher<Path> h = new ParallelHasher<>(o, (f, r) -> n[0]++, x -> { })) {
            for (int i = 0; i < files.size(); i++) {
                h.submit(files.get(i), files.get(i), sizes.get(i));
            }
            h.finish();
        }
        return n[0];
    }

    /**
     * Hashes on the calling thread, as the engine's FileDigester reads (to EOF) or, with
     * {@code bounded}, the candidate fix for small files: one read() of up to size+1 bytes (a
     * regular file returns fewer bytes than asked only at its end), so a small file costs open,
     * one read, close instead of open, read, read (-1), close.
     */
    private static long hashBounded(List<Path> files, List<Long> sizes, boolean bounded)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        byte[] array = new byte[128 << 10];
        ByteBuffer buf = ByteBuffer.wrap(array);
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            md.reset();
            long want = bounded ? sizes.get(i) + 1 : Long.MAX_VALUE;
            try (FileChannel ch = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                while (true) {
                    buf.clear();
                    if (want < buf.capacity()) {
                        buf.limit((int) want);
                    }
                    int n = ch.read(buf);
                    if (n < 0) {
                        break;
                    }
                    md.update(array, 0, n);
                    total += n;
                    if (bounded && n < buf.limit()) {
                        break; // short read of a regular file: its end
                    }
                }
            }
            total += md.digest()[0];
        }
        return total;
    }
}
