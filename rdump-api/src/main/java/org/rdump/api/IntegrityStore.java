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
     * @param tags stored with the version; {@code name} names it
     * @throws IntegrityException when the manifest cannot be read or written
     */
    ManifestUpdate update(Path tree, Path manifest, Map<String, String> tags, RunContext context);

    /**
     * Compares a stored version with a fresh scan of {@code tree} ({@code ctime} and {@code ino}
     * are always ignored, since a restore changes them).
     *
     * @param ignore further attribute names to ignore, e.g. {@code atime}
     */
    IntegrityReport check(Path tree, Path manifest, Version version, Set<String> ignore,
                          RunContext context);

    /** The stored versions, newest first. */
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

        /** A version by number (1 is the first). */
        record Numbered(int number) implements Version {
            public Numbered {
                if (number < 1) {
                    throw new IllegalArgumentException("version number must be >= 1: " + number);
                }
            }
        }

        static Version latest() {
            return new Latest();
        }

        static Version prior() {
            return new Prior();
        }

        static Version number(int n) {
            return new Numbered(n);
        }
    }
}
