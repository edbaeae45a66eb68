package org.rdump.zfs.prune;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdump.zfs.ZfsTree;

/**
 * A snapshot name of the original rdump's scheme, {@code <prefix>NNNN-YYYYMMDDHHMM} (local time,
 * to the minute). Immutable.
 *
 * @param prefix the scheme's prefix (may be empty)
 * @param number the sequence number, at least 0
 * @param time when it was named
 * @since 0.1
 */
public record SnapshotName(String prefix, int number, LocalDateTime time) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    public SnapshotName {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(time, "time");
        if (number < 0) {
            throw new IllegalArgumentException("number must be >= 0: " + number);
        }
    }

    /** The short name, e.g. {@code rd0012-202611241015}. */
    public String format() {
        return prefix + String.format("%04d", number) + "-" + STAMP.format(time);
    }

    /** Reads a short name of this scheme; empty for any other name. */
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

    /** One more than the highest number of this scheme anywhere in the tree; 0 when none. */
    public static int nextNumber(String prefix, ZfsTree tree) {
        int next = 0;
        for (String ds : tree.datasets()) {
            for (String s : tree.snapshots(ds)) {
                Optional<SnapshotName> n = parse(prefix, s);
                if (n.isPresent()) {
                    next = Math.max(next, n.get().number() + 1);
                }
            }
        }
        return next;
    }
}
