package org.rdump.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;

/**
 * Where an rsync instance keeps one volume's copies (on this machine or another host; the
 * {@link CopyStore} does the file operations):
 * {@code DEST/<volume>/} is the mirror, or holds the dated copies {@code <stamp>/} and at most
 * one unfinished {@code <stamp>.partial/}; {@code DEST/<volume>.complete} marks a finished mirror.
 * Differential mode adds {@code <stamp>.diff/} (see {@link DifferentialCopies}).
 * Not thread-safe for one volume (core runs one backup per volume at a time).
 */
final class CopyLayout {
    static final String PARTIAL = ".partial";
    static final String DIFF = ".diff";
    static final String DELETING = ".deleting";
    private static final Pattern STAMP = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter STAMP_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dest;
    private final String volume;

    CopyLayout(Path dest, String volume) {
        if (volume.isEmpty() || volume.contains("/") || volume.equals(".") || volume.equals("..")) {
            throw new IllegalArgumentException("volume name not usable as a directory name: '" + volume + "'");
        }
        this.dest = dest;
        this.volume = volume;
    }

    /** {@code DEST/<volume>}: the mirror, or the directory of dated copies. */
    Path volumeDir() {
        return dest.resolve(volume);
    }

    /** {@code DEST/<volume>.complete}: exists, holding the stamp, once a mirror run finished. */
    Path mirrorMarker() {
        return dest.resolve(volume + ".complete");
    }

    Path copy(String stamp) {
        return volumeDir().resolve(stamp);
    }

    Path partial(String stamp) {
        return volumeDir().resolve(stamp + PARTIAL);
    }

    /** Differential mode: {@code DEST/<volume>/<stamp>.diff}, a finished differential copy. */
    Path diff(String stamp) {
        return volumeDir().resolve(stamp + DIFF);
    }

    /** Differential mode: {@code DEST/<volume>/<stamp>.diff.partial}, one being made (never counted). */
    Path diffPartial(String stamp) {
        return volumeDir().resolve(stamp + DIFF + PARTIAL);
    }

    /** The stamps of the finished differential copies, oldest first. */
    List<String> diffCopies(CopyStore store, RunContext context) {
        return store.directories(volumeDir(), context).stream()
                .filter(n -> n.endsWith(DIFF) && isStamp(n.substring(0, n.length() - DIFF.length())))
                .map(n -> n.substring(0, n.length() - DIFF.length())).toList();
    }

    /** The names of directories left by a killed differential run or prune ({@code .diff.partial}, {@code .deleting}). */
    List<String> leftovers(CopyStore store, RunContext context) {
        return store.directories(volumeDir(), context).stream()
                .filter(n -> n.endsWith(DIFF + PARTIAL) || n.endsWith(DELETING)).toList();
    }

    static boolean isStamp(String s) {
        return STAMP.matcher(s).matches();
    }

    /** The time a run stamp names; throws for a malformed stamp. */
    static Instant time(String stamp) {
        try {
            return Instant.from(STAMP_FORMAT.parse(stamp));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a run stamp (yyyyMMdd'T'HHmmss'Z'): '" + stamp + "'", e);
        }
    }

    /** The names of the complete dated copies, oldest first. */
    List<String> completeCopies(CopyStore store, RunContext context) {
        return store.directories(volumeDir(), context).stream().filter(CopyLayout::isStamp).toList();
    }

    /** The names of unfinished dated copies ({@code <stamp>.partial}), oldest first. */
    List<String> partialCopies(CopyStore store, RunContext context) {
        return store.directories(volumeDir(), context).stream()
                .filter(n -> n.endsWith(PARTIAL) && isStamp(n.substring(0, n.length() - PARTIAL.length()))).toList();
    }

    /** The stamp of the last finished mirror run, if the mirror is complete. */
    Optional<String> mirrorStamp(CopyStore store, RunContext context) {
        return store.read(mirrorMarker(), context).map(String::trim).filter(CopyLayout::isStamp);
    }

    /** Creates a directory and its parents, as an {@link RdumpException} naming it on failure. */
    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RdumpException("cannot create " + dir + ": " + e, e);
        }
    }
}
