package org.rdump.testkit;

import java.util.ArrayList;
import java.util.List;
import org.rdump.api.Undo;
import org.rdump.api.UndoLog;

/**
 * An {@link UndoLog} in memory, for tests: what a step recorded and has not marked done, in
 * order, as core's journal would hold it after a crash. Thread-safe.
 */
public final class MemoryUndoLog implements UndoLog {
    private final List<Undo> open = new ArrayList<>();

    @Override
    public synchronized Undo record(Undo undo) {
        open.removeIf(u -> same(u, undo));
        open.add(undo);
        return undo;
    }

    @Override
    public synchronized void done(Undo undo) {
        open.removeIf(u -> same(u, undo));
    }

    /** The records still open, oldest first. */
    public synchronized List<Undo> open() {
        return List.copyOf(open);
    }

    private static boolean same(Undo a, Undo b) {
        return a.kind().equals(b.kind()) && a.identity().equals(b.identity());
    }
}
