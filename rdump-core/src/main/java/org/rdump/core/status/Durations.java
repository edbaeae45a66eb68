package org.rdump.core.status;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages as the config and the command line write them: {@code 26h}, {@code 8d}, {@code 1d12h}, {@code 90m}, {@code 2w}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[smhdw])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdw])");

    private Durations() {
    }

    /**
     * Reads an age such as {@code 26h}, {@code 8d}, {@code 1d12h} or {@code 90m}: whole numbers with
     * the units {@code s}, {@code m}, {@code h}, {@code d} and {@code w} (7 days), case ignored.
     *
     * @param text the age; never null
     * @return its length; never negative
     * @throws IllegalArgumentException saying what is expected
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("expected an age such as 26h, 8d, 1d12h or 90m (units s, m, h, d, w),"
                    + " found '" + text + "'");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        return d;
    }

    /**
     * {@code d} the way people read it: {@code 3d4h}, {@code 26h}, {@code 5m}, {@code 12s}.
     *
     * @param d a duration; a negative one reads as {@code 0s}
     * @return never null
     */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            long h = s / 3600;
            long m = s % 3600 / 60;
            return h + "h" + (m > 0 ? m + "m" : "");
        }
        long days = s / 86400;
        long h = s % 86400 / 3600;
        return days + "d" + (h > 0 ? h + "h" : "");
    }
}
