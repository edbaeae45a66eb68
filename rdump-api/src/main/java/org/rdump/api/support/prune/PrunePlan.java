package org.rdump.api.support.prune;

import java.util.List;

/**
 * What pruning one dataset (or one volume's kept snapshots) keeps and destroys. Immutable, value
 * semantics; the lists are copied.
 *
 * @param dataset the dataset or volume whose snapshots were planned; never null
 * @param keep short names kept, oldest first; never null
 * @param destroy short names to destroy, oldest first; never null
 * @since 0.6 (in {@code org.rdump.zfs.prune} since 0.1)
 */
public record PrunePlan(String dataset, List<String> keep, List<String> destroy) {
    /**
     * Copies the lists.
     *
     * @param dataset the dataset or volume whose snapshots were planned; never null
     * @param keep short names kept, oldest first; never null
     * @param destroy short names to destroy, oldest first; never null
     * @throws NullPointerException if a list is null
     */
    public PrunePlan {
        keep = List.copyOf(keep);
        destroy = List.copyOf(destroy);
    }
}
