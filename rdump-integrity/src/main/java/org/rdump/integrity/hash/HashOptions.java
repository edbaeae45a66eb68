package org.rdump.integrity.hash;

/**
 * How {@link ParallelHasher} reads and hashes. Immutable.
 *
 * @param threads worker threads, at least 1 (default: available processors)
 * @param window files submitted but not yet delivered, at most (bounds memory); at least 1
 * @param mmapThreshold files of at least this many bytes are memory-mapped; smaller ones are
 *     read into a pooled per-thread buffer. {@link Long#MAX_VALUE} disables mapping.
 * @param mapChunk bytes mapped at once for a big file (a window that slides over the file)
 * @param bufferSize the per-thread read buffer for smaller files
 * @since 0.1
 */
public record HashOptions(int threads, int window, long mmapThreshold, int mapChunk, int bufferSize) {

    /**
     * Measured on a 2-core VM (warm cache, see the module's report): mapping beats read() from
     * about 1 MiB on; below it the map/unmap system calls cost more than the copy they save.
     */
    public static final long DEFAULT_MMAP_THRESHOLD = 1L << 20;

    public HashOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1: " + window);
        }
        if (mapChunk < 4096 || bufferSize < 4096) {
            throw new IllegalArgumentException("mapChunk and bufferSize must be >= 4096: "
                    + mapChunk + ", " + bufferSize);
        }
    }

    /** Available processors, window 4096, mapping from 1 MiB in 32 MiB chunks, 128 KiB buffers. */
    public static HashOptions defaults() {
        return new HashOptions(Runtime.getRuntime().availableProcessors(), 4096,
                DEFAULT_MMAP_THRESHOLD, 32 << 20, 128 << 10);
    }

    /** The same options with another thread count. */
    public HashOptions withThreads(int n) {
        return new HashOptions(n, window, mmapThreshold, mapChunk, bufferSize);
    }

    /** The same options with another mapping threshold ({@link Long#MAX_VALUE}: never map). */
    public HashOptions withMmapThreshold(long bytes) {
        return new HashOptions(threads, window, bytes, mapChunk, bufferSize);
    }
}
