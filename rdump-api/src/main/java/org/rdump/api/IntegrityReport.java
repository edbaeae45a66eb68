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
    /**
     * Checks the components and copies the lists.
     *
     * @param differences in tree-walk order (a directory's own change, its sub-directories, then its files)
     * @param lines the same differences rendered exactly as rsure prints them
     * @throws NullPointerException if a list is null
     */
    public IntegrityReport {
        differences = List.copyOf(differences);
        lines = List.copyOf(lines);
    }

    /**
     * This report without the entries a backup tool does not store ({@code kinds} it keeps, e.g.
     * borg keeps no sockets), split from the rest.
     *
     * @param kept the node kinds the tool stores ({@code dir}, {@code file}, {@code lnk}, {@code fifo},
     *     {@code sock}, {@code chr}, {@code blk})
     * @return the report of what remains, and the differences left out (entries of other kinds
     *     that are missing from the restore)
     * @since 0.2
     */
    public java.util.Map.Entry<IntegrityReport, List<Difference>> withoutKindsNotIn(java.util.Set<String> kept) {
        List<Difference> rest = new java.util.ArrayList<>();
        List<String> restLines = new java.util.ArrayList<>();
        List<Difference> skipped = new java.util.ArrayList<>();
        for (int i = 0; i < differences.size(); i++) {
            Difference d = differences.get(i);
            if (d.change() == Change.REMOVED && !kept.contains(d.kind())) {
                skipped.add(d);
            } else {
                rest.add(d);
                restLines.add(lines.get(i));
            }
        }
        return java.util.Map.entry(new IntegrityReport(rest, restLines), List.copyOf(skipped));
    }

    /**
     * This report with each path relative to {@code base} (the tree's root as rsure prints it):
     * {@code base/etc/hosts} becomes {@code etc/hosts}, {@code base} itself {@code .}; paths
     * outside {@code base} stay as they are. The rendered lines keep rsure's form with the
     * relative paths.
     *
     * @param base the directory the paths start with; never null
     * @return a new report with relative paths; this one is unchanged
     * @since 0.5
     */
    public IntegrityReport relativeTo(String base) {
        String root = base.endsWith("/") && base.length() > 1 ? base.substring(0, base.length() - 1) : base;
        List<Difference> diffs = new java.util.ArrayList<>();
        List<String> rendered = new java.util.ArrayList<>();
        for (int i = 0; i < differences.size(); i++) {
            Difference d = differences.get(i);
            String rel = d.path().equals(root) ? "." : d.path().startsWith(root + "/")
                    ? d.path().substring(root.length() + 1) : d.path();
            diffs.add(new Difference(d.change(), rel, d.kind(), d.attributes()));
            String line = lines.get(i);
            rendered.add(rel.equals(".") ? line.replace("\"" + root + "\"", "\".\"")
                    : line.replace("\"" + root + "/", "\""));
        }
        return new IntegrityReport(diffs, rendered);
    }

    /**
     * Whether the tree matches the manifest.
     *
     * @return true when there is no difference
     */
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
        /**
         * Checks the components and copies {@code attributes}.
         *
         * @param change added, removed or changed
         * @param path the path as rsure prints it (directory joined with escaped names)
         * @param kind the node kind ({@code file}, {@code dir}, {@code lnk}...)
         * @param attributes the changed attribute names, sorted; empty for added and removed /
         * @throws NullPointerException if a component is null
         */
        public Difference {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            attributes = List.copyOf(attributes);
        }
    }

    /** The kinds of difference. */
    public enum Change {
        /** In the tree, not in the manifest version. */
        ADDED,
        /** In the manifest version, not in the tree (for a restore: not restored). */
        REMOVED,
        /** In both, with some attributes different (see {@link Difference#attributes()}). */
        CHANGED
    }
}
