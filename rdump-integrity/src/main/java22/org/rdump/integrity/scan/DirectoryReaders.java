package org.rdump.integrity.scan;

/**
 * Picks the {@link DirectoryReader}: this is the JDK 22+ version of the class (the multi-release
 * jar's {@code META-INF/versions/22}); it picks {@link FfmDirectoryReader} with
 * {@code -Drdump.scan.ffm=true} when it works on this system; else the portable reader, as on JDK 17.
 *
 * <p>Opt-in, from measurements (benchmarks/RESULTS.md, "stop 19"): on JDK 25 the FFM reader's walk
 * costs ~21% less CPU, but making its downcall handles costs a fresh JVM ~0.3 s of CPU (a 5,000-file
 * update: 0.90-1.05 s CPU portable, 1.18-1.39 s FFM), its larger compiled methods add 13-17 MB to
 * the peak RSS at a million files (C2's arena peak 16 to 24 MB), and the whole million-file scan or
 * update was no faster in CPU (scan 19.8-20.2 s portable, 20.7-20.8 s FFM; update 12.5 s either
 * way; the update's wall time 5% lower with FFM).
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
        if ("true".equals(System.getProperty("rdump.scan.ffm")) && FfmDirectoryReader.available()) {
            return new FfmDirectoryReader();
        }
        return new PortableDirectoryReader(fastStat);
    }
}
