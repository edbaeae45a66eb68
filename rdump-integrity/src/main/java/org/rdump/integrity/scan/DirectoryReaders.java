package org.rdump.integrity.scan;

/**
 * Picks the {@link DirectoryReader}. This is the JDK 17 version: always the portable reader. The
 * multi-release jar carries a JDK 22+ version of this class ({@code META-INF/versions/22}) that
 * picks the FFM reader with {@code -Drdump.scan.ffm=true} when it works on this system.
 */
final class DirectoryReaders {
    private DirectoryReaders() {
    }

    /**
     * The fastest reader available.
     *
     * @param fastStat whether the portable reader may use {@link FastStat}
     */
    static DirectoryReader best(boolean fastStat) {
        return new PortableDirectoryReader(fastStat);
    }
}
