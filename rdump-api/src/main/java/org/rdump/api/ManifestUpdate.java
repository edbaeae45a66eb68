package org.rdump.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What an {@link IntegrityStore#update} did. Immutable.
 *
 * @param version the version written
 * @param directories directories scanned (the root excluded, as rsure counts)
 * @param files non-directories scanned
 * @param bytes total size of the non-directories
 * @param hashedFiles files hashed this time (the others kept their hash)
 * @param hashedBytes bytes hashed this time
 * @param unreadable files that could not be read (left without a hash)
 * @param elapsed wall time of the update
 * @param previousFiles non-directories in the version before this one, or -1 when there is none
 *     (a first update) or the store did not read it; core's shrink guard compares with it
 * @param previousBytes the total size of the files of the version before this one (its
 *     {@code size} attributes), or -1 as for {@code previousFiles}
 * @since 0.1
 */
public record ManifestUpdate(ManifestVersion version, long directories, long files, long bytes,
                             long hashedFiles, long hashedBytes, long unreadable, Duration elapsed,
                             long previousFiles, long previousBytes) {
    /**
     * Checks the components.
     *
     * @param version the version written
     * @param directories directories scanned (the root excluded, as rsure counts)
     * @param files non-directories scanned
     * @param bytes total size of the non-directories
     * @param hashedFiles files hashed this time (the others kept their hash)
     * @param hashedBytes bytes hashed this time
     * @param unreadable files that could not be read (left without a hash)
     * @param elapsed wall time of the update
     * @param previousFiles non-directories in the version before this one, or -1 when there is none (a first update) or the store did not read it; core's shrink guard compares with it
     * @param previousBytes the total size of the files of the version before this one (its {@code size} attributes), or -1 as for {@code previousFiles}
     * @throws NullPointerException if {@code version} or {@code elapsed} is null
     * @throws IllegalArgumentException if {@code previousFiles} or {@code previousBytes} is below -1
     */
    public ManifestUpdate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(elapsed, "elapsed");
        if (previousFiles < -1 || previousBytes < -1) {
            throw new IllegalArgumentException("previousFiles and previousBytes must be -1 (unknown) or >= 0: "
                    + previousFiles + ", " + previousBytes);
        }
    }

    /**
     * An update without the previous version's figures (a store that does not report them).
     *
     * @param version the version written; never null
     * @param directories directories scanned (the root excluded)
     * @param files non-directories scanned
     * @param bytes total size of the non-directories
     * @param hashedFiles files hashed this time
     * @param hashedBytes bytes hashed this time
     * @param unreadable files that could not be read
     * @param elapsed wall time of the update; never null
     * @throws NullPointerException if {@code version} or {@code elapsed} is null
     * @since 0.1
     */
    public ManifestUpdate(ManifestVersion version, long directories, long files, long bytes,
                          long hashedFiles, long hashedBytes, long unreadable, Duration elapsed) {
        this(version, directories, files, bytes, hashedFiles, hashedBytes, unreadable, elapsed, -1, -1);
    }

    /**
     * Whether the figures of the previous version are known ({@link #previousFiles} and
     * {@link #previousBytes} are not -1), so that a shrink guard can compare with them.
     *
     * @return true when both are known
     * @since 0.3
     */
    public boolean hasPrevious() {
        return previousFiles >= 0 && previousBytes >= 0;
    }
}
