package org.rdump.api.support.prune;

import java.time.LocalDateTime;
import java.util.Collection;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot name of the original rdump's scheme, {@code <prefix>NNNN-YYYYMMDDHHMM} (local time,
 * to the minute). Immutable.
 *
 * @param prefix the scheme's prefix (may be empty); never null
 * @param number the sequence number, at least 0
 * @param time when it was named (local time, to the minute); never null
 * @since 0.6 (in {@code org.rdump.zfs.prune} since 0.1)
 */
public record SnapshotName(String prefix, int number, LocalDateTime time) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    /**
     * Checks the components.
     *
     * @param prefix the scheme's prefix (may be empty); never null
     * @param number the sequence number, at least 0
     * @param time when it was named (local time, to the minute); never null
     * @throws NullPointerException if {@code prefix} or {@code time} is null
     * @throws IllegalArgumentException if {@code number} is negative
     */
    public SnapshotName {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(time, "time");
        if (number < 0) {
            throw new IllegalArgumentException("number must be >= 0: " + number);
        }
    }

    /**
     * The short name.
     *
     * @return e.g. {@code rd0012-202611241015}; never null
     */
    public String format() {
        return prefix + String.format("%04d", number) + "-" + STAMP.format(time);
    }

    /**
     * Reads a short name of this scheme.
     *
     * @param prefix the scheme's prefix (may be empty); never null
     * @param name a short name; never null
     * @return the parsed name; never null, empty for any name outside the scheme
     */
    public static Optional<SnapshotName> parse(String prefix, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(prefix) + "(\\d{4,})-(\\d{12})$").matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SnapshotName(prefix, Integer.parseInt(m.group(1)),
                    LocalDateTime.parse(m.group(2), STAMP)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The number the next snapshot of the scheme gets.
     *
     * @param prefix the scheme's prefix (may be empty); never null
     * @param names short names of existing snapshots (any names; those outside the scheme are
     *     ignored); never null
     * @return one more than the highest number of the scheme among {@code names}; 0 when none
     */
    public static int nextNumber(String prefix, Collection<String> names) {
        int next = 0;
        for (String s : names) {
            Optional<SnapshotName> n = parse(prefix, s);
            if (n.isPresent()) {
                next = Math.max(next, n.get().number() + 1);
            }
        }
        return next;
    }
}
