package org.rdump.integrity.weave;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.LineSource;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeReader;

/**
 * Rewrites a weave body with one more delta, streaming: every existing line is copied, and the new
 * delta's {@code ^AD}/{@code ^AI} blocks are woven in by merging the previous latest version (read
 * from the weave while it is copied) with the new node stream, both in tree-walk order. Memory is
 * bounded by the tree depth. See the package documentation for the algorithm.
 */
final class WeaveMerger {
    private static final int NONE = 0;
    private static final int INSERT = 1;
    private static final int DELETE = 2;

    private final WeaveScanner weave;
    private final int previous;
    private final int delta;
    private final NodeReader fresh;
    private final LineOutput out;
    private final String dI;
    private final String dD;
    private final String dE;
    private int block = NONE;
    private final List<NodeName> oldDirs = new ArrayList<>();
    private final List<NodeName> newDirs = new ArrayList<>();

    /**
     * @param weave positioned after the header
     * @param previous the version to diff against (the latest)
     * @param delta the number of the new delta
     * @param fresh the new version's node stream (header included)
     */
    WeaveMerger(WeaveScanner weave, int previous, int delta, NodeReader fresh, LineOutput out) {
        this.weave = weave;
        this.previous = previous;
        this.delta = delta;
        this.fresh = fresh;
        this.out = out;
        this.dI = "\u0001I " + delta;
        this.dD = "\u0001D " + delta;
        this.dE = "\u0001E " + delta;
    }

    /** The live lines of the previous version; other weave lines are copied as they pass. */
    private final class OldLines implements LineSource {
        @Override
        public @Nullable String nextLine() throws IOException {
            while (weave.advance()) {
                if (!weave.isControl() && weave.keptIn(previous)) {
                    return weave.line();
                }
                closeBlock();
                out.line(weave.line());
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

    void run() throws IOException {
        OldLines oldLines = new OldLines();
        for (String expected : new String[] {"asure-2.0", "-----"}) {
            String h = oldLines.nextLine();
            if (!expected.equals(h)) {
                throw weave.fail("bad header in version " + previous + ": expected \"" + expected + "\", found "
                        + (h == null ? "the end of the weave" : "\"" + WeaveScanner.printable(h) + "\""));
            }
            out.line(h);
        }
        NodeReader old = new NodeReader(oldLines, weave.path().toString(), false);
        Node o = old.next();
        String ol = old.lastLine();
        Node n = fresh.next();
        String nl = fresh.lastLine();
        while (o != null || n != null) {
            int c = o == null ? 1 : n == null ? -1 : compareKeys(oldDirs, o, newDirs, n);
            if (c == 0 && ol != null && ol.equals(nl)) {
                closeBlock();
                out.line(ol);
                step(oldDirs, o);
                step(newDirs, n);
                o = old.next();
                ol = old.lastLine();
                n = fresh.next();
                nl = fresh.lastLine();
            } else if (c <= 0) {
                openBlock(DELETE);
                out.line(required(ol));
                step(oldDirs, o);
                o = old.next();
                ol = old.lastLine();
            } else {
                openBlock(INSERT);
                out.line(required(nl));
                step(newDirs, n);
                n = fresh.next();
                nl = fresh.lastLine();
            }
        }
        closeBlock();
    }

    private static String required(@Nullable String line) {
        if (line == null) {
            throw new IllegalStateException("no current line");
        }
        return line;
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
