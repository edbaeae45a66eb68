package org.rdump.api.support;

import java.util.Locale;

/**
 * Byte counts for people, in binary units with one decimal: {@code 512 B}, {@code 1.5 KiB},
 * {@code 4.0 MiB}. One formatter for every report and progress line (core, the command line
 * and the plugins). Pure and thread-safe.
 *
 * @since 0.1
 */
public final class ByteSizes {
    private static final String UNITS = "KMGTPE";

    private ByteSizes() {
    }

    /**
     * A size for people: {@code N B} below 1 KiB, else one decimal and a binary unit up to EiB.
     *
     * @param bytes the size in bytes
     * @return e.g. {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 GiB}; never null
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < UNITS.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %siB", v, UNITS.charAt(u));
    }
}
