package org.rdump.integrity.node;

import org.rdump.api.support.Plural;
import java.util.ArrayList;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Checks the shape of a node stream: one root directory, per directory its sub-directories, one
 * {@code -}, its files, then {@code u}; nothing after the root's {@code u}.
 */
public final class StructureChecker {
    private final ArrayList<NodeName> dirs = new ArrayList<>();
    private boolean[] sepSeen = new boolean[16];
    private boolean started;
    private boolean done;

    /** @return the problem, or null when the node fits */
    public @Nullable String accept(Node n) {
        if (done) {
            return "data after the end of the root directory: \"" + n.line() + "\"";
        }
        int depth = dirs.size();
        if (n instanceof Node.Enter e) {
            if (started && sepSeen[depth - 1]) {
                return "directory \"" + e.name() + "\" after '-' in directory \"" + dirs.get(depth - 1) + "\"";
            }
            started = true;
            if (depth == sepSeen.length) {
                sepSeen = Arrays.copyOf(sepSeen, depth * 2);
            }
            sepSeen[depth] = false;
            dirs.add(e.name());
            return null;
        }
        if (!started) {
            return "expected the root directory ('d' line), found \"" + n.line() + "\"";
        }
        NodeName dir = dirs.get(depth - 1);
        if (n instanceof Node.Sep) {
            if (sepSeen[depth - 1]) {
                return "second '-' in directory \"" + dir + "\"";
            }
            sepSeen[depth - 1] = true;
            return null;
        }
        if (n instanceof Node.File f) {
            if (!sepSeen[depth - 1]) {
                return "missing '-': file \"" + f.name() + "\" before '-' in directory \"" + dir + "\"";
            }
            return null;
        }
        if (n instanceof Node.Leave) {
            if (!sepSeen[depth - 1]) {
                return "missing '-' before 'u' of directory \"" + dir + "\"";
            }
            dirs.remove(depth - 1);
            if (depth == 1) {
                done = true;
            }
            return null;
        }
        throw new AssertionError(n);
    }

    /** @return the problem at the end of the stream, or null when it is complete */
    public @Nullable String end() {
        if (done) {
            return null;
        }
        if (!started) {
            return "truncated stream: no root directory";
        }
        return "truncated stream: unbalanced d/u, "
                + Plural.of(dirs.size(), "directory", "directories") + " still open (innermost \"" + dirs.get(dirs.size() - 1) + "\")";
    }

    /** Whether the root directory has been closed. */
    boolean complete() {
        return done;
    }

    /** The current directory depth (0 outside the root). */
    int depth() {
        return dirs.size();
    }
}
