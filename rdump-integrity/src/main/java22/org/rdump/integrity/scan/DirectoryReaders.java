package org.rdump.integrity.scan;

/**
 * Picks the {@link DirectoryReader}: this is the JDK 22+ version of the class (the multi-release
 * jar's {@code META-INF/versions/22}); it picks {@link FfmDirectoryReader} when it works on this
 * system, unless {@code -Drdump.scan.ffm=false}; else the portable reader, as on JDK 17.
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
        if (!"false".equals(System.getProperty("rdump.scan.ffm")) && FfmDirectoryReader.available()) {
            return new FfmDirectoryReader();
        }
        return new PortableDirectoryReader(fastStat);
    }
}
