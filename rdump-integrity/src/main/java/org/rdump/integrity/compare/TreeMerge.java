package org.rdump.integrity.compare;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.scan.TreeScanner;

/**
 * Walks two node streams (an old and a new tree) side by side in tree order, pairing the
 * entries that have the same path.
 *
 * <p>Each {@link Step} holds the old node, the new node, or both: the two roots, and then per
 * directory the sub-directories present on both sides (entered together), a sub-directory on
 * one side only (its whole subtree follows, one node per step, with the other side null), the
 * two {@code -}, the files (paired by name, or alone), and the two {@code u}. Memory is constant.
 *
 * <p>Names are matched in raw byte order, the order in which rsure's scan and rdump write the
 * entries. rsure's own compare matches the escaped names instead, so where the two orders differ
 * (a name with a space, say) it mis-pairs entries (RSURE-FORMAT.md §1, quirk Q1); this walk does
 * not. A stream whose entries are not in raw byte order cannot be walked this way: it is rejected
 * with an {@link IOException} naming the directory, never mis-reported.
 *
 * <p>When the new side is a {@link TreeScanner}, {@link Step#file()} gives the path of a
 * regular file (to hash it). Not thread-safe.
 *
 * @since 0.1
 */
public final class TreeMerge implements Closeable {

    /**
     * One step of the walk. Immutable.
     *
     * @param left the old node, or null when only the new side has it
     * @param right the new node, or null when only the old side has it
     * @param top for a one-sided step: true for a file alone or the first node of a subtree
     *     present on one side only, false inside such a subtree
     * @param file the path of the new node when it is a regular file from a scanner, else null
     * @param size the scanner's size of that file
     */
    public record Step(@Nullable Node left, @Nullable Node right, boolean top, @Nullable Path file, long size) {
    }

    private enum Mode { PAIRED, ONLY_LEFT, ONLY_RIGHT }

    private final NodeSource left;
    private final NodeSource right;
    private final @Nullable TreeScanner scanner;
    private @Nullable Node l;
    private @Nullable Node r;
    private @Nullable Path rFile;
    private long rSize;
    private boolean started;
    private Mode mode = Mode.PAIRED;
    private int soloDepth;
    private final List<String> names = new ArrayList<>();
    private final List<@Nullable NodeName> lastLeft = new ArrayList<>();
    private final List<@Nullable NodeName> lastRight = new ArrayList<>();

    /** @param left the old tree; @param right the new tree (a {@link TreeScanner} to hash files) */
    public TreeMerge(NodeSource left, NodeSource right) {
        this.left = Objects.requireNonNull(left, "left");
        this.right = Objects.requireNonNull(right, "right");
        this.scanner = right instanceof TreeScanner s ? s : null;
    }

    private void fillLeft() throws IOException {
        l = left.next();
    }

    private void fillRight() throws IOException {
        r = right.next();
        TreeScanner s = scanner;
        rFile = s == null ? null : s.lastRegularFile();
        rSize = s == null ? 0 : s.lastSize();
    }

    /** The next step, or null after the two roots' {@code u}. */
    public @Nullable Step next() throws IOException {
        if (!started) {
            started = true;
            fillLeft();
            fillRight();
            if (!(l instanceof Node.Enter) || !(r instanceof Node.Enter)) {
                throw new IOException("a node stream does not start with its root directory");
            }
            return paired();
        }
        if (mode == Mode.ONLY_LEFT) {
            Node n = Objects.requireNonNull(l, "old stream ended inside a directory");
            boolean top = soloDepth == 0;
            solo(n);
            fillLeft();
            return new Step(n, null, top, null, 0);
        }
        if (mode == Mode.ONLY_RIGHT) {
            Node n = Objects.requireNonNull(r, "new stream ended inside a directory");
            boolean top = soloDepth == 0;
            Path f = rFile;
            long size = rSize;
            solo(n);
            fillRight();
            return new Step(null, n, top, f, size);
        }
        Node a = l;
        Node b = r;
        if (a == null && b == null) {
            return null;
        }
        if (a == null || b == null) {
            throw new IOException("the " + (a == null ? "old" : "new") + " node stream ended inside " + dirPath(""));
        }
        if (a instanceof Node.Enter ea) {
            if (b instanceof Node.Enter eb) {
                int c = ordered(ea.name(), eb.name());
                if (c == 0) {
                    return paired();
                }
                return startSolo(c < 0);
            }
            return startSolo(true);
        }
        if (b instanceof Node.Enter) {
            return startSolo(false);
        }
        if (a instanceof Node.Sep && b instanceof Node.Sep) {
            return paired();
        }
        if (a instanceof Node.File fa) {
            if (b instanceof Node.File fb) {
                int c = ordered(fa.name(), fb.name());
                if (c == 0) {
                    return paired();
                }
                return single(c < 0);
            }
            return single(true);
        }
        if (b instanceof Node.File) {
            return single(false);
        }
        if (a instanceof Node.Leave && b instanceof Node.Leave) {
            return paired();
        }
        throw new IOException("the node streams disagree in structure in " + dirPath("") + ": " + a.line() + " / " + b.line());
    }

    /** Compares two names of the current level, checking that each side is in raw order. */
    private int ordered(NodeName a, NodeName b) {
        return a.compareRaw(b);
    }

    private void checkOrder(List<@Nullable NodeName> last, NodeName name, String side) throws IOException {
        int i = last.size() - 1;
        NodeName prev = last.get(i);
        if (prev != null && prev.compareRaw(name) >= 0) {
            throw new IOException("the " + side + " node stream is not in raw byte order in "
                    + dirPath("") + ": \"" + name.escaped() + "\" after \"" + prev.escaped()
                    + "\" (written in escaped order?)");
        }
        last.set(i, name);
    }

    private Step paired() throws IOException {
        Node a = Objects.requireNonNull(l);
        Node b = Objects.requireNonNull(r);
        Path f = rFile;
        long size = rSize;
        if (a instanceof Node.Enter ea) {
            if (!lastLeft.isEmpty()) {
                checkOrder(lastLeft, ea.name(), "old");
                checkOrder(lastRight, ((Node.Enter) b).name(), "new");
            }
            names.add(ea.name().escaped());
            lastLeft.add(null);
            lastRight.add(null);
        } else if (a instanceof Node.Sep) {
            lastLeft.set(lastLeft.size() - 1, null);
            lastRight.set(lastRight.size() - 1, null);
        } else if (a instanceof Node.File fa) {
            checkOrder(lastLeft, fa.name(), "old");
            checkOrder(lastRight, ((Node.File) b).name(), "new");
        } else {
            names.remove(names.size() - 1);
            lastLeft.remove(lastLeft.size() - 1);
            lastRight.remove(lastRight.size() - 1);
        }
        fillLeft();
        fillRight();
        return new Step(a, b, false, f, size);
    }

    private Step single(boolean fromLeft) throws IOException {
        if (fromLeft) {
            Node.File a = (Node.File) Objects.requireNonNull(l);
            checkOrder(lastLeft, a.name(), "old");
            fillLeft();
            return new Step(a, null, true, null, 0);
        }
        Node.File b = (Node.File) Objects.requireNonNull(r);
        checkOrder(lastRight, b.name(), "new");
        Path f = rFile;
        long size = rSize;
        fillRight();
        return new Step(null, b, true, f, size);
    }

    private Step startSolo(boolean fromLeft) throws IOException {
        Node.Enter e = (Node.Enter) Objects.requireNonNull(fromLeft ? l : r);
        checkOrder(fromLeft ? lastLeft : lastRight, e.name(), fromLeft ? "old" : "new");
        mode = fromLeft ? Mode.ONLY_LEFT : Mode.ONLY_RIGHT;
        soloDepth = 0;
        return next();
    }

    private void solo(Node n) {
        if (n instanceof Node.Enter e) {
            soloDepth++;
            names.add(e.name().escaped());
        } else if (n instanceof Node.Leave) {
            soloDepth--;
            names.remove(names.size() - 1);
            if (soloDepth == 0) {
                mode = Mode.PAIRED;
            }
        }
    }

    /**
     * The path of the node of the step just returned, as rsure prints it: {@code base} joined
     * with the escaped names by {@code /} ({@code base} itself for the root). Call it right
     * after {@link #next()}; for a {@code -} or {@code u} step it names the directory.
     */
    public String path(String base, Step step) {
        Node n = step.right() != null ? step.right() : step.left();
        if (n instanceof Node.File f) {
            return dirPath(base) + "/" + f.name().escaped();
        }
        if (n instanceof Node.Leave) {
            // the name was popped already: that directory is the parent's child
            return dirPath(base);
        }
        return dirPath(base);
    }

    private String dirPath(String base) {
        StringBuilder sb = new StringBuilder(base);
        for (int i = 1; i < names.size(); i++) {
            sb.append('/').append(names.get(i));
        }
        return sb.toString();
    }

    /** Closes both sources. */
    @Override
    public void close() throws IOException {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
