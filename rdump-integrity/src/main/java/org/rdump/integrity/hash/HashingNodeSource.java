package org.rdump.integrity.hash;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.scan.TreeScanner;
import org.slf4j.Logger;

/**
 * A live tree with every regular file hashed: the nodes of a {@link TreeScanner}, each regular
 * file's completed with its {@code sha1} by a {@link ParallelHasher}, in the scanner's order.
 * Pulling a node drives the scan ahead by up to the hasher's window, so the files are hashed in
 * parallel while the consumer (a comparison) works. A file that cannot be read keeps no
 * {@code sha1}, is logged and counted ({@link #unreadable()}). Not thread-safe.
 *
 * @since 0.1
 */
public final class HashingNodeSource implements NodeSource {
    private final TreeScanner scanner;
    private final ParallelHasher<Node> hasher;
    private final ArrayDeque<Node> ready = new ArrayDeque<>();
    private final Logger log;
    private long hashedBytes;
    private boolean finished;

    /** @param progress receives the hashing progress (see {@link ParallelHasher}) */
    public HashingNodeSource(TreeScanner scanner, HashOptions options, Consumer<HashProgress> progress,
                             Logger log) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.log = Objects.requireNonNull(log, "log");
        this.hasher = new ParallelHasher<>(options, this::completed, progress);
    }

    private void completed(Node node, ParallelHasher.Result r) {
        if (node instanceof Node.File f && r.sha1() != null) {
            ready.add(new Node.File(f.name(), f.atts().with("sha1", r.sha1())));
            return;
        }
        if (r.error() != null) {
            log.warn("cannot read {} (left without sha1): {}",
                    node instanceof Node.File f ? f.name().escaped() : node.line(), r.error().toString());
        }
        ready.add(node);
    }

    @Override
    public @Nullable Node next() throws IOException {
        while (ready.isEmpty() && !finished) {
            Node n = scanner.next();
            if (n == null) {
                finished = true;
                hasher.finish();
                break;
            }
            long size = scanner.lastSize();
            java.nio.file.Path file = scanner.lastRegularFile();
            if (file != null) {
                hashedBytes += size;
            }
            hasher.submit(n, file, size);
        }
        return ready.poll();
    }

    /** Files that could not be read so far. */
    public long unreadable() {
        return hasher.failedFiles();
    }

    /** Files submitted for hashing so far. */
    public long hashedFiles() {
        return hasher.submittedFiles();
    }

    /** Bytes (by stat size) submitted for hashing so far. */
    public long hashedBytes() {
        return hashedBytes;
    }

    /** The scanner's counts. */
    public TreeScanner scanner() {
        return scanner;
    }

    /** Stops the hasher and closes the scanner. */
    @Override
    public void close() throws IOException {
        hasher.close();
        scanner.close();
    }
}
