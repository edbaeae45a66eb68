package org.rdump.zfs.replicate;

import java.util.ArrayList;
import java.util.List;

/**
 * What a replication run will do. Immutable.
 *
 * @param transfers the sends, in order (parents before children)
 * @param notes datasets that need nothing (up to date, no snapshots, excluded), one line each
 * @since 0.1
 */
public record ReplicationPlan(List<Transfer> transfers, List<String> notes) {
    public ReplicationPlan {
        transfers = List.copyOf(transfers);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return transfers.isEmpty();
    }

    /** The plan as lines for a dry run or a log. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        transfers.forEach(t -> out.add("send " + t.describe()));
        out.addAll(notes);
        return out;
    }
}
