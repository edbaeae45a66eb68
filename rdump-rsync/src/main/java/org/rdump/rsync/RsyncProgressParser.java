package org.rdump.rsync;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses rsync's {@code --info=progress2} lines, e.g.
 * {@code "      3,000,003  99%  707.44MB/s    0:00:00 (xfr#2, to-chk=0/5)"}. Pure and thread-safe.
 *
 * <p>Byte counts may carry thousands separators ({@code ,} or {@code .} by locale) or, with
 * {@code --human-readable}, a unit suffix ({@code 1.23M}); rates are in {@code B/s},
 * {@code kB/s}, {@code MB/s}, {@code GB/s} or {@code TB/s} (powers of 1024, as rsync computes
 * them). Any other line (file names, messages) is not progress.
 */
final class RsyncProgressParser {
    private static final Pattern LINE = Pattern.compile(
            "^\\s*([0-9][0-9.,]*[KMGTP]?)\\s+(\\d{1,3})%\\s+([0-9.,]+)([kMGTP]?B)/s\\s+([0-9?]+(?::[0-9?]+){1,2})"
                    + "(?:\\s+\\(xfr#(\\d+),\\s*(?:to|ir)-chk=(\\d+)/(\\d+)\\))?\\s*$");

    private RsyncProgressParser() {
    }

    /** The progress a line shows, or empty when it is not a progress line. */
    static Optional<RsyncProgress> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        long bytes = size(m.group(1));
        int percent = Integer.parseInt(m.group(2));
        if (bytes < 0 || percent > 100) {
            return Optional.empty();
        }
        double rate = decimal(m.group(3)) * unit(m.group(4).charAt(0));
        Duration time = duration(m.group(5));
        long xfr = m.group(6) == null ? -1 : Long.parseLong(m.group(6));
        long toCheck = m.group(7) == null ? -1 : Long.parseLong(m.group(7));
        long total = m.group(8) == null ? -1 : Long.parseLong(m.group(8));
        return Optional.of(new RsyncProgress(bytes, percent, rate, time, xfr, toCheck, total));
    }

    /** A byte count: digits with separators, or a human-readable number with a unit; -1 if bad. */
    private static long size(String s) {
        char last = s.charAt(s.length() - 1);
        if (Character.isLetter(last)) {
            return Math.round(decimal(s.substring(0, s.length() - 1)) * unit(last));
        }
        String digits = s.replace(",", "").replace(".", "");
        return digits.length() > 18 ? -1 : Long.parseLong(digits);
    }

    /** A decimal written with {@code .} or {@code ,} as the decimal mark (rsync follows the locale). */
    private static double decimal(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }

    private static double unit(char c) {
        return switch (c) {
            case 'B' -> 1;
            case 'k', 'K' -> 1024d;
            case 'M' -> 1024d * 1024;
            case 'G' -> 1024d * 1024 * 1024;
            case 'T' -> 1024d * 1024 * 1024 * 1024;
            case 'P' -> 1024d * 1024 * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unit: " + c);
        };
    }

    /** {@code h:mm:ss} or {@code m:ss}; unknown ({@code ??}) parts give -1 seconds. */
    private static Duration duration(String s) {
        if (s.contains("?")) {
            return Duration.ofSeconds(-1);
        }
        long seconds = 0;
        for (String part : s.split(":")) {
            seconds = seconds * 60 + Long.parseLong(part);
        }
        return Duration.ofSeconds(seconds);
    }
}
