package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Lists and stats the entries of one directory. Two ways with the same results, byte for byte:
 * {@link PortableDirectoryReader} (JDK 17: {@code DirectoryStream} and one {@code lstat} per entry)
 * and, in the multi-release jar's {@code META-INF/versions/22}, {@code FfmDirectoryReader}
 * ({@code getdents64} and {@code statx} through the Foreign Function &amp; Memory API, entries
 * stat'ed in inode order). {@link DirectoryReaders#best(boolean)} picks one.
 *
 * <p>Implementations are stateless and safe for concurrent use (the scanner reads ahead on a
 * helper thread).
 */
interface DirectoryReader {
    /**
     * Reads {@code dir}: every entry but {@code .} and {@code ..} and those {@code exclude} accepts
     * (by raw name), stat'ed without following symlinks (a symlink's target read), sub-directories
     * added to {@code dirs}, the others to {@code others}, in no particular order.
     *
     * @return how many entries vanished or could not be stat'ed (each one logged as a warning)
     * @throws IOException when the directory itself cannot be opened or read
     */
    long read(Path dir, Predicate<byte[]> exclude, List<Entry> dirs, List<Entry> others, Logger log)
            throws IOException;

    /** A short name for logs and benchmarks, e.g. {@code portable}, {@code ffm}. */
    String name();
}
