package org.rdump.integrity.hash;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Hashes regular files (SHA-1) on a pool of worker threads and hands each submitted item back,
 * with its result, in submission order.
 *
 * <p>Use from one thread: {@link #submit} items (an item without a file passes through in
 * order), then {@link #finish}, then {@link #close}. The sink is called on that same thread,
 * during {@code submit} (when the window is full) and during {@code finish}. At most
 * {@link HashOptions#window()} items are in flight, so memory is bounded whatever the tree.
 * A file that cannot be read yields a {@link Result} with the error (the caller logs and counts
 * it); hashing goes on. Progress is reported to the listener at most every 250 ms and once at
 * the end, on the submitting thread.
 *
 * @param <T> what the caller attaches to each item (e.g. the node to complete)
 * @since 0.1
 */
public final class ParallelHasher<T> implements AutoCloseable {
    private static final long PROGRESS_NANOS = 250_000_000L;

    /**
     * The outcome for one item. Immutable.
     *
     * @param sha1 the lower-case hex SHA-1, or null when not hashed or unreadable
     * @param error why the file could not be read, or null
     */
    public record Result(@Nullable String sha1, @Nullable IOException error) {
        /** The result of an item submitted without a file. */
        public static final Result NOT_HASHED = new Result(null, null);
    }

    /** Receives items in submission order. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item, Result result) throws IOException;
    }

    private static final class Job<T> {
        final T item;
        final @Nullable Path file;
        final long size;
        volatile boolean done;
        volatile @Nullable Thread waiter;
        @Nullable Result result;

        Job(T item, @Nullable Path file, long size) {
            this.item = item;
            this.file = file;
            this.size = size;
        }
    }

    private static final Job<?>[] POISON = new Job<?>[0];
    /**
     * Files below this size are handed to the workers in batches (up to {@link #BATCH_FILES} files or
     * {@link #BATCH_BYTES} bytes): on 100,000 small files, one queue hand-off per file (put/take,
     * park/unpark) cost 2.8 us each, a third of the hashing CPU (benchmarks/RESULTS.md).
     */
    static final long SMALL_FILE = 256 * 1024;
    static final int BATCH_FILES = 64;
    static final long BATCH_BYTES = 1024 * 1024;

    private final HashOptions options;
    private final Sink<T> sink;
    private final Consumer<HashProgress> progress;
    private final ArrayDeque<Job<T>> inFlight = new ArrayDeque<>();
    private final BlockingQueue<Job<?>[]> work;
    private final ArrayList<Job<T>> pending = new ArrayList<>();
    private long pendingBytes;
    private final Thread[] workers;
    private final long start = System.nanoTime();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private long filesTotal;
    private long bytesTotal;
    private long failed;
    private long lastProgress = start;
    private boolean totalsKnown;
    private boolean closed;

    /**
     * Starts the worker threads.
     *
     * @param sink receives every item in submission order
     * @param progress receives progress snapshots; must be quick
     */
    public ParallelHasher(HashOptions options, Sink<T> sink, Consumer<HashProgress> progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.work = new ArrayBlockingQueue<>(options.window() + options.threads());
        this.workers = new Thread[options.threads()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(this::work, "rdump-hash-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /**
     * Submits an item. Blocks while the window is full, delivering finished items to the sink.
     *
     * @param file the regular file to hash, or null to pass the item through unhashed
     * @param size the file's size from the scan (progress and choice of reading method)
     */
    public void submit(T item, @Nullable Path file, long size) throws IOException {
        if (closed || totalsKnown) {
            throw new IllegalStateException("submit after finish or close");
        }
        while (inFlight.size() >= options.window()) {
            deliverHead();
        }
        Job<T> job = new Job<>(item, file, size);
        if (file == null) {
            job.result = Result.NOT_HASHED;
            job.done = true;
        } else {
            filesTotal++;
            bytesTotal += size;
            if (size < SMALL_FILE) {
                pending.add(job);
                pendingBytes += size;
                if (pending.size() >= BATCH_FILES || pendingBytes >= BATCH_BYTES) {
                    flush();
                }
            } else {
                flush();
                work.add(new Job<?>[] {job});
            }
        }
        inFlight.add(job);
        // deliver what is already done, so that pass-through items do not wait for the window
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            deliverHead();
        }
        maybeReport(false);
    }

    /** Hands the batch of small files gathered so far to the workers. */
    private void flush() {
        if (!pending.isEmpty()) {
            work.add(pending.toArray(new Job<?>[0]));
            pending.clear();
            pendingBytes = 0;
        }
    }

    /** Waits for every submitted item and delivers it. The totals are final from now on. */
    public void finish() throws IOException {
        totalsKnown = true;
        flush();
        while (!inFlight.isEmpty()) {
            deliverHead();
        }
        maybeReport(true);
    }

    /** Files whose reading failed so far. */
    public long failedFiles() {
        return failed;
    }

    /** Files submitted for hashing so far. */
    public long submittedFiles() {
        return filesTotal;
    }

    /** Bytes actually read by the workers so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    private void deliverHead() throws IOException {
        Job<T> head = inFlight.pollFirst();
        if (head == null) {
            return;
        }
        if (!head.done) {
            flush(); // the head may be in the batch being gathered: never wait for a job no worker has
            head.waiter = Thread.currentThread();
            while (!head.done) {
                LockSupport.parkNanos(this, PROGRESS_NANOS);
                maybeReport(false);
            }
        }
        Result r = Objects.requireNonNull(head.result);
        if (r.error() != null) {
            failed++;
        }
        sink.accept(head.item, r);
    }

    private void work() {
        FileDigester digester = new FileDigester(options);
        while (true) {
            Job<?>[] batch;
            try {
                batch = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == POISON) {
                return;
            }
            for (Job<?> job : batch) {
                hash(digester, job);
            }
        }
    }

    private void hash(FileDigester digester, Job<?> job) {
        Result r;
        try {
            r = new Result(digester.digest(Objects.requireNonNull(job.file), job.size), null);
        } catch (IOException e) {
            r = new Result(null, e);
        } catch (RuntimeException | Error e) {
            // never leave the job undone: the submitting thread would wait for it forever
            r = new Result(null, new IOException(e.toString(), e));
        }
        bytesRead.addAndGet(digester.bytesRead());
        bytesDone.addAndGet(job.size);
        filesDone.incrementAndGet();
        job.result = r;
        job.done = true;
        Thread w = job.waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void maybeReport(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastProgress < PROGRESS_NANOS) {
            return;
        }
        lastProgress = now;
        progress.accept(snapshot(now));
    }

    private HashProgress snapshot(long now) {
        long fd = filesDone.get();
        long bd = bytesDone.get();
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = bd / secs;
        Duration eta = HashProgress.UNKNOWN;
        if (totalsKnown && rate > 0) {
            eta = Duration.ofMillis((long) ((bytesTotal - bd) / rate * 1000));
        }
        return new HashProgress(fd, filesTotal, bd, bytesTotal, rate, eta, totalsKnown);
    }

    /** Stops the workers; items not yet delivered are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        work.clear();
        for (int i = 0; i < workers.length; i++) {
            work.add(POISON);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
