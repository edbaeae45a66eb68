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
    /** The key of {@link #details()} that holds the backup's size in bytes, where the tool knows it. */
    public static final String SIZE = "size";

    /**
     * The key of {@link #details()} that holds the SHA-256 (64 lowercase hex digits) of the file the tool
     * wrote, where it writes one file per backup and checks it on restore (an image, a stream file). The
     * ledger records it with the backup, so a copy found later can be checked against what was written.
     *
     * @since 0.6
     */
    public static final String SHA256 = "sha256";

    /** The form of a run stamp, {@code yyyyMMdd'T'HHmmss'Z'} in UTC, e.g. {@code 20261202T001741Z}. */
    public static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * Checks the components and copies {@code details}.
     *
     * @param id the tool's name for it (borg archive name, rsync copy directory name, {@code mirror}); never null
     * @param volume the volume it belongs to; never null
     * @param stamp the run stamp of the run that made it ({@code yyyyMMdd'T'HHmmss'Z'}); never null
     * @param time when it was made; never null
     * @param details tool-specific facts ({@code path}, {@code size}); copied
     * @throws NullPointerException if any component is null
     */
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
     * @param id the tool's name for it; never null
     * @param volume the volume it belongs to; never null
     * @param time when it was made, which also gives its run stamp; never null
     * @param details tool-specific facts; copied
     * @throws NullPointerException if {@code id}, {@code volume}, {@code time} or {@code details} is null
     * @since 0.1
     */
    public ArchiveInfo(String id, String volume, Instant time, Map<String, String> details) {
        this(id, volume, STAMP.format(Objects.requireNonNull(time, "time")), time, details);
    }

    /**
     * The {@value #SIZE} detail in bytes; empty when the tool did not tell (or wrote no number).
     *
     * @return the size in bytes, never null but possibly empty
     * @since 0.4
     */
    public java.util.OptionalLong size() {
        String s = details.get(SIZE);
        if (s == null || !s.matches("[0-9]{1,18}")) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(s));
    }

    /**
     * This backup with its {@value #SIZE} detail set, e.g. once a tool has measured it.
     *
     * @param bytes the backup's size in bytes
     * @return a copy of this backup with the size detail replaced; this one is unchanged
     */
    public ArchiveInfo withSize(long bytes) {
        java.util.Map<String, String> d = new java.util.HashMap<>(details);
        d.put(SIZE, Long.toString(bytes));
        return new ArchiveInfo(id, volume, stamp, time, d);
    }

    /**
     * Whether {@code name} names this backup: its run stamp or the tool's own id.
     *
     * @param name a run stamp or a tool's backup name, as a user types it; never null
     * @return true if {@code name} is this backup's stamp or id
     * @since 0.4
     */
    public boolean matches(String name) {
        return stamp.equals(name) || id.equals(name);
    }
}
