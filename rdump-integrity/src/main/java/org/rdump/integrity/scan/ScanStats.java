package org.rdump.integrity.scan;

/**
 * What a scan saw so far. Immutable.
 *
 * @param directories directories, the root excluded (as rsure counts)
 * @param files non-directories
 * @param bytes the sum of the non-directories' sizes (symlinks included, as rsure)
 * @param unreadableDirectories directories whose entries could not be listed (recorded empty)
 * @param vanished entries that disappeared or could not be stat'ed (left out)
 * @since 0.1
 */
public record ScanStats(long directories, long files, long bytes, long unreadableDirectories,
                        long vanished) {
}
