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
 * @since 0.1
 */
public record ManifestUpdate(ManifestVersion version, long directories, long files, long bytes,
                             long hashedFiles, long hashedBytes, long unreadable, Duration elapsed) {
    public ManifestUpdate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
