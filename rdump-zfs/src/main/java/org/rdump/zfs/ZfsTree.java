package org.rdump.zfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The datasets at and under one root with their snapshots, as {@code zfs list -t all -r}
 * printed them: datasets in tree order (parents first), each dataset's snapshot short names
 * oldest first. Bookmarks are left out. Immutable.
 *
 * @since 0.1
 */
public final class ZfsTree {
    private final String root;
    private final Map<String, List<String>> snapshots;

    private ZfsTree(String root, Map<String, List<String>> snapshots) {
        this.root = root;
        this.snapshots = snapshots;
    }

    /** Builds a tree from list rows (datasets and snapshots). */
    public static ZfsTree of(String root, List<ZfsRow> rows) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (ZfsRow r : rows) {
            if (r.isBookmark()) {
                continue;
            }
            if (!r.dataset().equals(root) && !r.dataset().startsWith(root + "/")) {
                continue;
            }
            List<String> snaps = m.computeIfAbsent(r.dataset(), k -> new ArrayList<>());
            r.snapshot().ifPresent(snaps::add);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        m.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new ZfsTree(root, Collections.unmodifiableMap(frozen));
    }

    /** A tree with nothing in it (the root does not exist). */
    public static ZfsTree empty(String root) {
        return new ZfsTree(root, Map.of());
    }

    public String root() {
        return root;
    }

    /** The datasets, parents before children. */
    public Set<String> datasets() {
        return snapshots.keySet();
    }

    public boolean has(String dataset) {
        return snapshots.containsKey(dataset);
    }

    /** A dataset's snapshot short names, oldest first; empty when it has none or does not exist. */
    public List<String> snapshots(String dataset) {
        return snapshots.getOrDefault(dataset, List.of());
    }

    /** The part of a dataset's name after the root: {@code ""} for the root, {@code /a/b} below it. */
    public String suffix(String dataset) {
        if (!dataset.equals(root) && !dataset.startsWith(root + "/")) {
            throw new IllegalArgumentException(dataset + " is not under " + root);
        }
        return dataset.substring(root.length());
    }

    @Override
    public String toString() {
        return "ZfsTree[" + root + ", " + snapshots + "]";
    }
}
