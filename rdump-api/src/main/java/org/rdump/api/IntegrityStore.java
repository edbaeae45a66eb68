package org.rdump.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Versioned manifests of a tree (the rsure weave file {@code 2sure.dat.gz}): brings a manifest
 * up to date with a tree, and compares a tree with a stored version.
 *
 * <p>Contract: a manifest is never half-written: a new version is written to a temporary file,
 * synced, and renamed into place, so a crash at any moment leaves the previous manifest
 * readable. A failed update never replaces the existing manifest. Implementations are
 * thread-safe; two updates of the same manifest at once are the caller's to prevent.
 *
 * @since 0.1
 */
public interface IntegrityStore extends Plugin {

    /** The manifest's file name at a tree's root: {@code 2sure.dat.gz}. */
    String DEFAULT_MANIFEST = "2sure.dat.gz";

    /**
     * Scans {@code tree}, hashes every regular file whose inode or ctime changed since the latest
     * version (an implementation may rehash more, e.g. on a changed size or mtime; every file when
     * there is none), and stores the result as a new version.
     *
     * <p>Called once per volume in a backup's MANIFEST phase, and by {@code rdump sure scan} and
     * {@code update}. Writes only {@code manifest} (and its temporary file beside it).
     *
     * @param tree the root of the tree to scan; never null, an existing directory
     * @param manifest the manifest file; never null; created when it does not exist
     * @param tags stored with the version; {@code name} names it; never null
     * @param context the run's context (cancellation, events, logger); never null
     * @return the version written and what was scanned and hashed; never null
     * @throws IntegrityException when the manifest cannot be read or written
     */
    ManifestUpdate update(Path tree, Path manifest, Map<String, String> tags, RunContext context);

    /**
     * Compares a stored version with a fresh scan of {@code tree} ({@code ctime} and {@code ino}
     * are always ignored, since a restore changes them).
     *
     * <p>Read-only. Called by test restores (against the restored tree), and by
     * {@code rdump sure check} and {@code signoff}.
     *
     * @param tree the root of the tree to compare; never null, an existing directory
     * @param manifest the manifest file; never null
     * @param version which stored version to compare with; never null
     * @param ignore further attribute names to ignore, e.g. {@code atime}; never null
     * @param context the run's context; never null
     * @return the differences; never null, {@link IntegrityReport#clean() clean} when there are none
     * @throws IntegrityException when the manifest or the chosen version cannot be read
     */
    IntegrityReport check(Path tree, Path manifest, Version version, Set<String> ignore,
                          RunContext context);

    /**
     * The stored versions, for {@code rdump sure list} and for choosing a version. Read-only.
     *
     * @param manifest the manifest file; never null
     * @return the versions, newest first; never null, never empty
     * @throws IntegrityException when the manifest does not exist or cannot be read
     */
    List<ManifestVersion> versions(Path manifest);

    /**
     * Every entry a stored version records, as paths relative to the tree's root with {@code /}
     * between names (raw names read as UTF-8), parents before their children; the root itself is
     * left out. {@code rdump restore --path} matches globs against it and tells a path that a
     * backup lacks before restoring anything. The default says the store cannot list.
     *
     * @param manifest never null
     * @param version never null
     * @return never null
     * @throws IntegrityException when the manifest or version cannot be read, or the store cannot list
     * @since 0.4
     */
    default List<String> paths(Path manifest, Version version) {
        throw new IntegrityException(manifest, "integrity store '" + id() + "' cannot list the paths of a manifest",
                null);
    }

    /** Which stored version to use. */
    sealed interface Version {
        /** The newest version. */
        record Latest() implements Version { }

        /** The version before the newest. */
        record Prior() implements Version { }

        /**
         * A version by number.
         *
         * @param number the version's number, as {@link ManifestVersion#number()}: 1 is the first
         */
        record Numbered(int number) implements Version {
            /**
             * Checks the number.
             *
             * @param number the version's number, from 1
             * @throws IllegalArgumentException if {@code number} is less than 1
             */
            public Numbered {
                if (number < 1) {
                    throw new IllegalArgumentException("version number must be >= 1: " + number);
                }
            }
        }

        /**
         * The newest version.
         *
         * @return {@link Latest}, never null
         */
        static Version latest() {
            return new Latest();
        }

        /**
         * The version before the newest (rsure's {@code check} default after an update).
         *
         * @return {@link Prior}, never null
         */
        static Version prior() {
            return new Prior();
        }

        /**
         * A version by its number, as {@link ManifestVersion#number()} gives it.
         *
         * @param n the number, from 1
         * @return {@link Numbered}, never null
         * @throws IllegalArgumentException if {@code n} is less than 1
         */
        static Version number(int n) {
            return new Numbered(n);
        }
    }
}
