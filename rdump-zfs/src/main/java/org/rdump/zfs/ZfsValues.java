package org.rdump.zfs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads zfs property values in both of their forms: exact ({@code -p}: {@code 237568},
 * {@code 1795628525}) and human ({@code 232K}, {@code Wed Nov 25 17:42 2026}). Pure.
 *
 * @since 0.1
 */
public final class ZfsValues {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([BKMGTPEZ]?)");
    private static final String UNITS = "BKMGTPEZ";
    private static final DateTimeFormatter HUMAN_DATE =
            DateTimeFormatter.ofPattern("EEE MMM d H:mm yyyy", Locale.ROOT);

    private ZfsValues() {
    }

    /** A size in bytes; empty for {@code -}, {@code none} or anything unreadable. */
    public static OptionalLong bytes(String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        int unit = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2));
        double v = Double.parseDouble(m.group(1)) * Math.pow(1024, unit);
        return OptionalLong.of(Math.round(v));
    }

    /**
     * A creation time: seconds since the epoch, or the human form read in {@code zone} (zfs
     * prints local time, to the minute).
     */
    public static Optional<Instant> time(String value, ZoneId zone) {
        String v = value.trim().replaceAll("\\s+", " ");
        if (v.matches("[0-9]+")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
        }
        try {
            return Optional.of(LocalDateTime.parse(v, HUMAN_DATE).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
