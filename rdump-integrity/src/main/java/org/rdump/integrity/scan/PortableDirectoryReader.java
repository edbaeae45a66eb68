package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;

/** The JDK 17 way: {@link DirectoryStream} (readdir order) and one {@code lstat} per entry. */
final class PortableDirectoryReader implements DirectoryReader {
    private final boolean fastStat;

    /** @param fastStat use {@link FastStat} (only when it is available) */
    PortableDirectoryReader(boolean fastStat) {
        this.fastStat = fastStat && FastStat.available();
    }

    @Override
    public long read(Path dir, Predicate<byte[]> exclude, List<Entry> dirs, List<Entry> others, Logger log)
            throws IOException {
        long vanished = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                byte[] name = RawNames.fileName(p);
                if (exclude.test(name)) {
                    continue;
                }
                try {
                    Entry e = Entry.stat(name, p, fastStat);
                    (e.isDirectory() ? dirs : others).add(e);
                } catch (NoSuchFileException ex) {
                    vanished++;
                    log.warn("vanished during the scan: {}", p);
                } catch (IOException | RuntimeException ex) {
                    vanished++;
                    log.warn("cannot stat {}: {}", p, ex.toString());
                }
            }
        } catch (java.nio.file.DirectoryIteratorException ex) {
            throw ex.getCause();
        }
        return vanished;
    }

    @Override
    public String name() {
        return fastStat ? "portable" : "portable-nio";
    }
}
