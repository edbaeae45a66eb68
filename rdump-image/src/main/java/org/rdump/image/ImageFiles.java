package org.rdump.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one volume's images in a destination and their checksum files. Pure but for
 * {@link #readChecksums}.
 *
 * <p>{@code VOLUME-STAMP.img.zst} is the zstd stream; {@code VOLUME-STAMP.img.zst.sha256}, in
 * {@code sha256sum} format, holds two lines: the SHA-256 of the compressed file under its own
 * name, and that of the raw image under {@code VOLUME-STAMP.img} (not kept: {@code sha256sum -c
 * --ignore-missing} checks the first, {@code zstd -dc FILE | sha256sum} the second). Only an
 * image with its checksum file counts; both are written under {@code .partial} names first.
 */
final class ImageFiles {
    static final String IMAGE = ".img.zst";
    static final String CHECKSUMS = ".img.zst.sha256";
    static final String PARTIAL = ".partial";
    private static final Pattern STAMP = Pattern.compile("[0-9]{8}T[0-9]{6}Z");
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    private ImageFiles() {
    }

    /** The two checksums of one image. */
    record Checksums(String compressed, String raw) {
    }

    static String base(String volume, String stamp) {
        return volume + "-" + stamp;
    }

    static Path image(Path dest, String base) {
        return dest.resolve(base + IMAGE);
    }

    static Path checksums(Path dest, String base) {
        return dest.resolve(base + CHECKSUMS);
    }

    static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + PARTIAL);
    }

    /** A regular expression for every file of one image, final or partial (for the undo record). */
    static String filesOf(String base) {
        return Pattern.quote(base) + "\\.img\\.zst(\\.sha256)?(\\.partial)?";
    }

    /** The run stamp of a checksum file's name of {@code volume}, or empty when it is another's. */
    static Optional<String> stampOf(String volume, String fileName) {
        String prefix = volume + "-";
        if (!fileName.startsWith(prefix) || !fileName.endsWith(CHECKSUMS)) {
            return Optional.empty();
        }
        String stamp = fileName.substring(prefix.length(), fileName.length() - CHECKSUMS.length());
        return STAMP.matcher(stamp).matches() ? Optional.of(stamp) : Optional.empty();
    }

    static String format(String base, Checksums sums) {
        return sums.compressed() + "  " + base + IMAGE + "\n" + sums.raw() + "  " + base + ".img\n";
    }

    /** Parses a checksum file's text; a missing line or a bad one is an {@link IllegalArgumentException}. */
    static Checksums parse(String base, String text) {
        String compressed = null;
        String raw = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sha256sum line: '" + line + "'");
            }
            if (m.group(2).equals(base + IMAGE)) {
                compressed = m.group(1);
            } else if (m.group(2).equals(base + ".img")) {
                raw = m.group(1);
            } else {
                throw new IllegalArgumentException("a line for another file: '" + line + "'");
            }
        }
        if (compressed == null || raw == null) {
            throw new IllegalArgumentException("expected the lines of " + base + IMAGE + " and " + base + ".img");
        }
        return new Checksums(compressed, raw);
    }

    static Checksums readChecksums(Path file, String base) throws IOException {
        return parse(base, Files.readString(file, StandardCharsets.UTF_8));
    }
}
