package org.rdump.core.snapshots;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rdump.api.SnapshotRef;

/**
 * The snapshot one run of one volume took, shared by its steps: the mount step mounts its
 * device. Set once, by the snapshot step; used from one thread at a time, as steps are.
 */
final class TakenSnapshot {
    private @Nullable SnapshotRef ref;

    void set(SnapshotRef ref) {
        this.ref = ref;
    }

    Optional<SnapshotRef> get() {
        return Optional.ofNullable(ref);
    }
}
