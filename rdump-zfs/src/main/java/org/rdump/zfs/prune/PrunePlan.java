package org.rdump.zfs.prune;

import java.util.List;

/**
 * What pruning one dataset keeps and destroys. Immutable.
 *
 * @param dataset the dataset
 * @param keep short names kept, oldest first
 * @param destroy short names to destroy, oldest first
 * @since 0.1
 */
public record PrunePlan(String dataset, List<String> keep, List<String> destroy) {
    public PrunePlan {
        keep = List.copyOf(keep);
        destroy = List.copyOf(destroy);
    }
}
