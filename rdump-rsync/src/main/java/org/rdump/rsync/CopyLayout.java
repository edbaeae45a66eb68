package org.rdump.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rdump.api.RdumpException;

/**
 * Where an rsync instance keeps one volume's copies, and the file operations on them:
 * {@code DEST/<volume>/} is the mirror, or holds the dated copies {@code <stamp>/} and at most
 * one unfinished {@code <stamp>.partial/}; {@code DEST/<volume>.complete} marks a finished mirror.
 * Not thread-safe for one volume (core runs one backup per volume at a time).
 */
final class CopyLayout {
    static final String PARTIAL = ".partial";
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
    List<String> completeCopies() {
        return names(CopyLayout::isStamp);
    }

    /** The names of unfinished dated copies ({@code <stamp>.partial}), oldest first. */
    List<String> partialCopies() {
        return names(n -> n.endsWith(PARTIAL) && isStamp(n.substring(0, n.length() - PARTIAL.length())));
    }

    /** The stamp of the last finished mirror run, if the mirror is complete. */
    Optional<String> mirrorStamp() {
        try {
            String s = Files.readString(mirrorMarker()).trim();
            return isStamp(s) ? Optional.of(s) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RdumpException("cannot read " + mirrorMarker() + ": " + e.getMessage(), e);
        }
    }

    private List<String> names(java.util.function.Predicate<String> keep) {
        Path dir = volumeDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new RdumpException("cannot list " + dir + ": " + e.getMessage(), e);
        }
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
