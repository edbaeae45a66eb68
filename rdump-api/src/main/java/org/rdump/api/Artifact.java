package org.rdump.api;

import java.util.Objects;

/**
 * Something a step made that outlives the run: a backup tool's archive or copy, a snapshot, a
 * manifest version. Immutable. Carried by {@link RunEvent.Report} so that a run's result lists
 * what it created as data, not only as a sentence.
 *
 * @param kind what it is; never null
 * @param name its name where a user finds it: the borg archive name, the rsync copy's directory
 *     name, {@code dataset@snapshot}, the manifest version number; never null
 * @param where the tool instance, dataset or manifest file that holds it; never null, empty when
 *     the name says it all
 * @since 0.5
 */
public record Artifact(Kind kind, String name, String where) {
    /**
     * Checks the components.
     *
     * @param kind what it is; never null
     * @param name its name where a user finds it: the borg archive name, the rsync copy's directory name, {@code dataset@snapshot}, the manifest version number; never null
     * @param where the tool instance, dataset or manifest file that holds it; never null, empty when the name says it all
     * @throws NullPointerException if any component is null
     */
    public Artifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(where, "where");
    }

    /** The kinds of artifact. */
    public enum Kind {
        /** A backup in a backup tool: a borg archive, an rsync dated copy or mirror. */
        ARCHIVE,
        /** A snapshot (ZFS, LVM), or a mirror's snapshot. */
        SNAPSHOT,
        /** A new version of a volume's integrity manifest. */
        MANIFEST_VERSION
    }
}
