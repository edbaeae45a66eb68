package org.rdump.core.snapshots;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The name under which one run keeps its snapshot, shared by the keep step (which chooses it) and
 * the prune step (which, in a dry run, counts it as if it existed). Used from one thread at a
 * time, as steps are.
 */
final class KeptSnapshot {
    private @Nullable String name;

    void set(String name) {
        this.name = name;
    }

    Optional<String> get() {
        return Optional.ofNullable(name);
    }
}
