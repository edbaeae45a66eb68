package org.rdump.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.scan.TreeScanner;

/**
 * A model of the hashing pool's hand-off, to measure one candidate fix before it is made in the
 * engine: the same ordered pool as {@code ParallelHasher} (a bounded queue of jobs, a window of
 * in-flight jobs delivered in order, the submitter parked on the head job), with one job per file
 * (as the engine) or one job per run of up to {@code BATCH} consecutive small files. Each worker
 * reads as the engine's {@code FileDigester} does for small files (size-bounded read into a
 * pooled buffer, SHA-1). Reports best wall time and its process CPU time.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.rdump.benchmarks.HandoffProfile DIR [RUNS]}
 */
public final class HandoffProfile {
    static final int BATCH = 64;
    static final long BATCH_BYTES = 1 << 20;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private HandoffProfile() {}

    /** A run of consecutive files, hashed by one worker. */
    private static final class Job {
        final int from;
        final int to;
        final String[] sha1;
        volatile boolean done;
        volatile @Nullable Thread waiter;

        Job(int from, int to) {
            this.from = from;
            this.to = to;
            this.sha1 = new String[to - from];
        }
    }

    private static final Job POISON = new Job(0, 0);

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
        System.out.printf("%s: %d files, 2 workers, window 4096 jobs, best of %d warm runs%n", tree, files.size(), runs);
        for (int batch : new int[] {1, BATCH, 1, BATCH}) {
            double bestWall = Double.MAX_VALUE;
            double bestCpu = 0;
            for (int i = 0; i <= runs; i++) {
                long c0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                long n = pool(files, sizes, batch);
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
                if (n != files.size()) {
                    throw new IllegalStateException("delivered " + n);
                }
                if (i > 0 && wall < bestWall) {
                    bestWall = wall;
                    bestCpu = cpu;
                }
            }
            System.out.printf("  %-40s wall %.3f s  cpu %.3f s%n",
                    batch == 1 ? "one job per file (engine)" : "one job per <= " + batch + " files / 1 MiB", bestWall, bestCpu);
        }
    }

    private static long pool(List<Path> files, List<Long> sizes, int batch) throws InterruptedException {
        BlockingQueue<Job> work = new ArrayBlockingQueue<>(4096 + 2);
        Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> work(work, files, sizes));
            workers[w].setDaemon(true);
            workers[w].start();
        }
        ArrayDeque<Job> inFlight = new ArrayDeque<>();
        long delivered = 0;
        int i = 0;
        while (i < files.size()) {
            int to = i + 1;
            long bytes = sizes.get(i);
            while (batch > 1 && to < files.size() && to - i < batch && bytes + sizes.get(to) <= BATCH_BYTES) {
                bytes += sizes.get(to++);
            }
            while (inFlight.size() >= 4096) {
                delivered += deliver(inFlight.pollFirst());
            }
            Job j = new Job(i, to);
            work.add(j);
            inFlight.add(j);
            while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
                delivered += deliver(inFlight.pollFirst());
            }
            i = to;
        }
        while (!inFlight.isEmpty()) {
            delivered += deliver(inFlight.pollFirst());
        }
        for (int w = 0; w < workers.length; w++) {
            work.add(POISON);
        }
        for (Thread t : workers) {
            t.join();
        }
        return delivered;
    }

    private static int deliver(Job j) {
        if (!j.done) {
            j.waiter = Thread.currentThread();
            while (!j.done) {
                LockSupport.parkNanos(j, 250_000_000L);
            }
        }
        for (String s : j.sha1) {
            if (s == null) {
                throw new IllegalStateException("unhashed file in job " + j.from);
            }
        }
        return j.sha1.length;
    }

    private static void work(BlockingQueue<Job> work, List<Path> files, List<Long> sizes) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] array = new byte[128 << 10];
        ByteBuffer buf = ByteBuffer.wrap(array);
        while (true) {
            Job j;
            try {
                j = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (j == POISON) {
                return;
            }
            for (int k = j.from; k < j.to; k++) {
                try {
                    j.sha1[k - j.from] = digest(md, buf, array, files.get(k), sizes.get(k));
                } catch (IOException e) {
                    j.sha1[k - j.from] = "error";
                }
            }
            j.done = true;
            Thread w = j.waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    private static String digest(MessageDigest md, ByteBuffer buf, byte[] array, Path file, long size) throws IOException {
        md.reset();
        long want = size + 1;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
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
                if (n < buf.limit()) {
                    break;
                }
            }
        }
        byte[] d = md.digest();
        return Integer.toHexString(d[0] & 0xff);
    }
}
