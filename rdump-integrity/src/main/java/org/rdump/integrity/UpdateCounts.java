package org.rdump.integrity;

/**
 * What {@link Updater#write} did. Immutable.
 *
 * @param directories directories scanned, the root excluded
 * @param files non-directories scanned
 * @param bytes their total size
 * @param hashedFiles regular files hashed this time
 * @param hashedBytes their total size
 * @param reusedFiles regular files whose hash was carried over from the previous version
 * @param unreadable files that could not be read (left without sha1)
 * @param vanished entries that vanished during the scan or could not be stat'ed, plus
 *     directories that could not be listed
 * @param previousFiles non-directories in the previous version, or -1 when there was none
 * @param previousBytes the sum of their {@code size} attributes, or -1 when there was none
 * @since 0.1
 */
public record UpdateCounts(long directories, long files, long bytes, long hashedFiles, long hashedBytes,
                           long reusedFiles, long unreadable, long vanished, long previousFiles, long previousBytes) {

    /** Counts of an update without a previous version. */
    public UpdateCounts(long directories, long files, long bytes, long hashedFiles, long hashedBytes,
                        long reusedFiles, long unreadable, long vanished) {
        this(directories, files, bytes, hashedFiles, hashedBytes, reusedFiles, unreadable, vanished, -1, -1);
    }
}
