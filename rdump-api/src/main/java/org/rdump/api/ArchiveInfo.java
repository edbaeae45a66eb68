package org.rdump.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * One backup held by a tool. Immutable.
 *
 * <p>One backup of a volume is named by its run stamp in every destination: borg stores it as
 * archive {@code <volume>-<stamp>}, rsync as the directory {@code <stamp>} (or the mirror, whose
 * stamp is that of the run that last finished it). {@link #stamp()} is that shared identity;
 * {@link #id()} is the tool's own name for it. {@link #matches} accepts either.
 *
 * @param id the tool's name for it (borg archive name, rsync copy directory name, {@code mirror});
 *     never null
 * @param volume the volume it belongs to; never null
 * @param stamp the run stamp of the run that made it ({@code yyyyMMdd'T'HHmmss'Z'}); never null
 * @param time when it was made; never null
 * @param details tool-specific facts ({@code path}, {@code size}); copied
 * @since 0.1 (stamp since 0.4)
 */
public record ArchiveInfo(String id, String volume, String stamp, Instant time, Map<String, String> details) {
    /** The form of a run stamp. */
    /** The key of {@link #details()} that holds the backup's size in bytes, where the tool knows it. */
    public static final String SIZE = "size";

    public static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public ArchiveInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(time, "time");
        details = Map.copyOf(details);
    }

    /**
     * A backup whose run stamp is {@code time} in stamp form (as every rdump backup's time is
     * read from its stamp).
     *
     * @since 0.1
     */
    public ArchiveInfo(String id, String volume, Instant time, Map<String, String> details) {
        this(id, volume, STAMP.format(Objects.requireNonNull(time, "time")), time, details);
    }

    /**
     * The {@value #SIZE} detail in bytes; empty when the tool did not tell (or wrote no number).
     *
     * @since 0.4
     */
    public java.util.OptionalLong size() {
        String s = details.get(SIZE);
        if (s == null || !s.matches("[0-9]{1,18}")) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(s));
    }

    /** This backup with its {@value #SIZE} detail set to {@code bytes}. */
    public ArchiveInfo withSize(long bytes) {
        java.util.Map<String, String> d = new java.util.HashMap<>(details);
        d.put(SIZE, Long.toString(bytes));
        return new ArchiveInfo(id, volume, stamp, time, d);
    }

    /**
     * Whether {@code name} names this backup: its run stamp or the tool's own id.
     *
     * @param name never null
     * @since 0.4
     */
    public boolean matches(String name) {
        return stamp.equals(name) || id.equals(name);
    }
}
