package org.rdump.api;

import java.util.List;
import java.util.Objects;

/**
 * The differences between a stored manifest version and a tree. Immutable.
 *
 * @param differences in tree-walk order (a directory's own change, its sub-directories, then
 *     its files)
 * @param lines the same differences rendered exactly as rsure prints them
 * @since 0.1
 */
public record IntegrityReport(List<Difference> differences, List<String> lines) {
    public IntegrityReport {
        differences = List.copyOf(differences);
        lines = List.copyOf(lines);
    }

    /** True when the tree matches the manifest. */
    public boolean clean() {
        return differences.isEmpty();
    }

    /**
     * One difference. Immutable.
     *
     * @param change added, removed or changed
     * @param path the path as rsure prints it (directory joined with escaped names)
     * @param kind the node kind ({@code file}, {@code dir}, {@code lnk}...)
     * @param attributes the changed attribute names, sorted; empty for added and removed
     */
    public record Difference(Change change, String path, String kind, List<String> attributes) {
        public Difference {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            attributes = List.copyOf(attributes);
        }
    }

    /** The kinds of difference. */
    public enum Change { ADDED, REMOVED, CHANGED }
}
