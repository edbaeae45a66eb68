package org.rdump.integrity.weave;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.LineSource;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeReader;
import org.rdump.integrity.node.NodeSource;

/**
 * Rewrites a weave body with one more delta, streaming: every existing line is copied, and the new
 * delta's {@code ^AD}/{@code ^AI} blocks are woven in by merging the previous latest version (read
 * from the weave while it is copied) with the new version's nodes, pushed one by one with
 * {@link #accept} as they are produced, both in tree-walk order. See the package documentation
 * for the algorithm.
 *
 * <p>The previous version is read once. Whoever produces the new nodes may read it too, through
 * {@link #previousNodes()} (an update reusing hashes reads it a little ahead of the nodes it
 * pushes): every weave line read passes through a queue that the merge consumes, so memory is
 * bounded by how far that reader is ahead (plus the lines of older versions in between). When
 * {@link #previousNodes()} is not read, the merge reads the weave itself, as it needs it. Not
 * thread-safe: one thread reads and pushes.
 */
final class WeaveMerger {
    private static final int NONE = 0;
    private static final int INSERT = 1;
    private static final int DELETE = 2;
    /** The end of the previous version, in {@link #queue}. */
    private static final Object END = new Object();

    /** A line of the previous version, parsed, in {@link #queue}. */
    private record OldNode(Node node, String line) {
    }

    private final WeaveScanner weave;
    private final int previous;
    private final LineOutput out;
    private final String dI;
    private final String dD;
    private final String dE;
    private int block = NONE;
    private final List<NodeName> oldDirs = new ArrayList<>();
    private final List<NodeName> newDirs = new ArrayList<>();
    /** Weave lines read but not yet merged: a String is copied as it is, an OldNode is merged, then END. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final NodeReader oldReader;
    private boolean oldReaderDone;
    private @Nullable OldNode current;
    private boolean oldEnded;
    private boolean readByCaller;
    private boolean readByMerge;

    /**
     * @param weave positioned after the header
     * @param previous the version to diff against (the latest)
     * @param delta the number of the new delta
     */
    WeaveMerger(WeaveScanner weave, int previous, int delta, LineOutput out) {
        this.weave = weave;
        this.previous = previous;
        this.out = out;
        this.dI = "\u0001I " + delta;
        this.dD = "\u0001D " + delta;
        this.dE = "\u0001E " + delta;
        this.oldReader = new NodeReader(new TeeLines(), weave.path().toString(), false);
    }

    /** The lines of the previous version; the others go to the queue, to be copied in their place. */
    private final class TeeLines implements LineSource {
        @Override
        public @Nullable String nextLine() {
            while (weave.advance()) {
                if (!weave.isControl() && weave.keptIn(previous)) {
                    return weave.line();
                }
                queue.add(weave.line());
            }
            return null;
        }

        @Override
        public long lineNumber() {
            return weave.lineNumber();
        }

        @Override
        public void close() {
            // the weave is closed by its owner
        }
    }

    /** Copies the weave up to the previous version's first node, checking its header. */
    void start() throws IOException {
        TeeLines lines = new TeeLines();
        for (String expected : new String[] {"asure-2.0", "-----"}) {
            String h = lines.nextLine();
            copyQueuedLines();
            if (!expected.equals(h)) {
                throw weave.fail("bad header in version " + previous + ": expected \"" + expected + "\", found "
                        + (h == null ? "the end of the weave" : "\"" + WeaveScanner.printable(h) + "\""));
            }
            out.line(h);
        }
    }

    private void copyQueuedLines() throws IOException {
        while (queue.peekFirst() instanceof String s) {
            queue.pollFirst();
            closeBlock();
            out.line(s);
        }
    }

    /**
     * The previous version's nodes, read once for both the caller and the merge. Read it no
     * further ahead of the nodes pushed than needed, or not at all; never close it.
     */
    NodeSource previousNodes() {
        return new NodeSource() {
            @Override
            public @Nullable Node next() throws IOException {
                if (readByMerge) {
                    throw new IllegalStateException("the merge has already read the previous version itself");
                }
                readByCaller = true;
                return readOld();
            }

            @Override
            public void close() {
                // the weave is closed by its owner
            }
        };
    }

    private @Nullable Node readOld() throws IOException {
        if (oldReaderDone) {
            return null;
        }
        Node n = oldReader.next();
        if (n == null) {
            oldReaderDone = true;
            queue.add(END);
            return null;
        }
        queue.add(new OldNode(n, java.util.Objects.requireNonNull(oldReader.lastLine())));
        return n;
    }

    /** Makes {@link #current} the next old node, copying the lines before it; or sets {@link #oldEnded}. */
    private void pullOld() throws IOException {
        while (current == null && !oldEnded) {
            Object h = queue.pollFirst();
            if (h == null) {
                if (readByCaller) {
                    throw new IllegalStateException("a node was pushed before the previous version was read up to it");
                }
                readByMerge = true;
                readOld();
            } else if (h instanceof String s) {
                closeBlock();
                out.line(s);
            } else if (h == END) {
                oldEnded = true;
            } else {
                current = (OldNode) h;
            }
        }
    }

    /**
     * Merges the new version's next node.
     *
     * @param line the node's exact line
     */
    void accept(Node n, String line) throws IOException {
        while (true) {
            pullOld();
            OldNode o = current;
            int c = o == null ? 1 : compareKeys(oldDirs, o.node(), newDirs, n);
            if (o != null && c == 0 && o.line().equals(line)) {
                closeBlock();
                out.line(line);
                step(oldDirs, o.node());
                step(newDirs, n);
                current = null;
                return;
            }
            if (o != null && c <= 0) {
                openBlock(DELETE);
                out.line(o.line());
                step(oldDirs, o.node());
                current = null;
                continue;
            }
            openBlock(INSERT);
            out.line(line);
            step(newDirs, n);
            return;
        }
    }

    /** After the new version's last node: deletes what is left of the old one, copies the rest of the weave. */
    void finish() throws IOException {
        while (true) {
            pullOld();
            OldNode o = current;
            if (o == null) {
                break;
            }
            openBlock(DELETE);
            out.line(o.line());
            step(oldDirs, o.node());
            current = null;
        }
        closeBlock();
    }

    private void openBlock(int kind) throws IOException {
        if (block == kind) {
            return;
        }
        closeBlock();
        out.line(kind == INSERT ? dI : dD);
        block = kind;
    }

    private void closeBlock() throws IOException {
        if (block != NONE) {
            out.line(dE);
            block = NONE;
        }
    }

    private static void step(List<NodeName> dirs, @Nullable Node n) {
        if (n instanceof Node.Enter e) {
            dirs.add(e.name());
        } else if (n instanceof Node.Leave && !dirs.isEmpty()) {
            dirs.remove(dirs.size() - 1);
        }
    }

    /**
     * Compares the positions of two nodes in the tree walk. A node's key is the list of its
     * enclosing directories, each as (0, name), followed by its own token: (0, name) for a
     * directory, (1) for '-', (2, name) for a file, (3) for 'u'; keys compare lexicographically,
     * names in raw byte order, a prefix first.
     */
    static int compareKeys(List<NodeName> aDirs, Node a, List<NodeName> bDirs, Node b) {
        int la = aDirs.size() + 1;
        int lb = bDirs.size() + 1;
        int common = Math.min(la, lb);
        for (int i = 0; i < common; i++) {
            int sa = i < aDirs.size() ? 0 : section(a);
            int sb = i < bDirs.size() ? 0 : section(b);
            if (sa != sb) {
                return Integer.compare(sa, sb);
            }
            NodeName na = i < aDirs.size() ? aDirs.get(i) : name(a);
            NodeName nb = i < bDirs.size() ? bDirs.get(i) : name(b);
            if (na != null && nb != null) {
                int c = na.compareRaw(nb);
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(la, lb);
    }

    private static int section(Node n) {
        if (n instanceof Node.Enter) {
            return 0;
        }
        if (n instanceof Node.Sep) {
            return 1;
        }
        if (n instanceof Node.File) {
            return 2;
        }
        if (n instanceof Node.Leave) {
            return 3;
        }
        throw new AssertionError(n);
    }

    private static @Nullable NodeName name(Node n) {
        if (n instanceof Node.Enter e) {
            return e.name();
        }
        if (n instanceof Node.File f) {
            return f.name();
        }
        return null;
    }
}
