package org.rdump.core.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One backup of one volume to one destination, made (or attempted) by a run. Immutable.
 *
 * @param volume the volume
 * @param destination the tool instance's name ({@code tools:} key)
 * @param tool the tool's id ({@code borg}, {@code rsync}...)
 * @param stamp the backup's run stamp, its identity in every destination
 * @param archive the tool's own name for it, or null when the backup failed before it had one
 * @param time when it was made (its stamp's time)
 * @param manifestVersion the manifest version that went into it, or -1 when the volume keeps none
 * @param files files in it (the manifest's count, else the tool's), or -1 when unknown
 * @param bytes bytes in it (as {@code files}), or -1 when unknown
 * @param duration how long the tool took
 * @param outcome {@link RunOutcome#SUCCEEDED} or {@link RunOutcome#FAILED}
 * @param error why it failed, or null
 * @param warnings warnings that did not fail it
 * @param sha256 the SHA-256 (lowercase hex) the tool recorded of what it wrote (an image, a stream file:
 *     {@link org.rdump.api.ArchiveInfo#SHA256}), or null when it records none
 */
public record BackupRecord(String volume, String destination, String tool, String stamp, @Nullable String archive,
                           Instant time, int manifestVersion, long files, long bytes, Duration duration,
                           RunOutcome outcome, @Nullable String error, List<String> warnings,
                           @Nullable String sha256) {
    /**
     * Checks the components.
     *
     * @param volume the volume
     * @param destination the tool instance's name ({@code tools:} key)
     * @param tool the tool's id ({@code borg}, {@code rsync}...)
     * @param stamp the backup's run stamp, its identity in every destination
     * @param archive the tool's own name for it, or null when the backup failed before it had one
     * @param time when it was made (its stamp's time)
     * @param manifestVersion the manifest version that went into it, or -1 when the volume keeps none
     * @param files files in it (the manifest's count, else the tool's), or -1 when unknown
     * @param bytes bytes in it (as {@code files}), or -1 when unknown
     * @param duration how long the tool took
     * @param outcome {@link RunOutcome#SUCCEEDED} or {@link RunOutcome#FAILED}
     * @param error why it failed, or null
     * @param warnings warnings that did not fail it
     * @param sha256 the SHA-256 the tool recorded of what it wrote, or null
     * @throws NullPointerException if a component other than {@code archive}, {@code error} or {@code sha256}
     *     is null
     * @throws IllegalArgumentException if {@code sha256} is not 64 lowercase hex digits
     */
    public BackupRecord {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        warnings = List.copyOf(warnings);
        if (sha256 != null && !isSha256(sha256)) {
            throw new IllegalArgumentException("a SHA-256 is 64 lowercase hex digits, not '" + sha256 + "'");
        }
    }

    /**
     * A backup whose tool records no checksum of what it wrote.
     *
     * @param volume the volume
     * @param destination the tool instance's name ({@code tools:} key)
     * @param tool the tool's id ({@code borg}, {@code rsync}...)
     * @param stamp the backup's run stamp, its identity in every destination
     * @param archive the tool's own name for it, or null when the backup failed before it had one
     * @param time when it was made (its stamp's time)
     * @param manifestVersion the manifest version that went into it, or -1 when the volume keeps none
     * @param files files in it (the manifest's count, else the tool's), or -1 when unknown
     * @param bytes bytes in it (as {@code files}), or -1 when unknown
     * @param duration how long the tool took
     * @param outcome {@link RunOutcome#SUCCEEDED} or {@link RunOutcome#FAILED}
     * @param error why it failed, or null
     * @param warnings warnings that did not fail it
     */
    public BackupRecord(String volume, String destination, String tool, String stamp, @Nullable String archive,
                        Instant time, int manifestVersion, long files, long bytes, Duration duration,
                        RunOutcome outcome, @Nullable String error, List<String> warnings) {
        this(volume, destination, tool, stamp, archive, time, manifestVersion, files, bytes, duration, outcome, error,
                warnings, null);
    }

    /**
     * Whether a text is a SHA-256 as the ledger keeps it: 64 lowercase hex digits.
     *
     * @param text the text, or null
     * @return true when it is one
     */
    public static boolean isSha256(@Nullable String text) {
        return text != null && text.matches("[0-9a-f]{64}");
    }

    /**
     * Whether the backup was made.
     *
     * @return true when {@code outcome} is {@link RunOutcome#SUCCEEDED}
     */
    public boolean succeeded() {
        return outcome == RunOutcome.SUCCEEDED;
    }
}
