package org.rdump.core.restore;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.rdump.api.ArchiveInfo;

/**
 * The times {@code rdump restore --at} accepts: RFC 3339 ({@code 2026-11-30T18:00:00Z},
 * {@code 2026-11-30 18:00:00+01:00}), a local time {@code 2026-11-30 18:00} (seconds optional),
 * or a run stamp {@code 20261130T180000Z}. Stateless.
 *
 * @since 0.4
 */
public final class RestoreTime {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]");

    private RestoreTime() {
    }

    /**
     * Reads one of the accepted forms (surrounding blanks ignored).
     *
     * @param text never null
     * @param zone the zone of a local time; never null
     * @return the instant {@code text} names; never null
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Instant parse(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            // not RFC 3339: a local time or a stamp
        }
        try {
            return LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // nor a local time
        }
        try {
            return Instant.from(ArchiveInfo.STAMP.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read the time '" + text + "': give it as '2026-11-30 18:00'"
                    + " (local time, " + zone + "), as RFC 3339 '2026-11-30T18:00:00Z', or as a run stamp"
                    + " '20261130T180000Z'", e);
        }
    }
}
