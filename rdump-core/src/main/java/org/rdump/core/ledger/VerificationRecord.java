package org.rdump.core.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One test restore ({@code rdump verify}, {@code backup --verify}) or restore check
 * ({@code rdump restore}) of one backup. Immutable.
 *
 * @param kind {@code test-restore} or {@code restore}
 * @param volume the volume
 * @param destination the tool instance restored from
 * @param tool the tool's id
 * @param stamp the run stamp of the backup checked, or null when the check failed before one was chosen
 * @param backupTime when that backup was made, or null as for {@code stamp}
 * @param paths the paths restored and checked, relative to the volume; empty for everything
 * @param checked how many manifest entries were checked, or -1 when not counted
 * @param verdict what the check found
 * @param differences how many differences it found
 * @param differenceLines the differences in rsure's format (at most the first 100)
 * @param error why it failed (differences or another error), or null
 * @param at when the check ended
 * @param duration how long it took
 * @param sample for a sampled check ({@link #SAMPLE}), what it covered of its cycle; null otherwise, and
 *     for a sampled check that failed before it chose its entries
 */
public record VerificationRecord(String kind, String volume, String destination, String tool, @Nullable String stamp,
                                 @Nullable Instant backupTime, List<String> paths, long checked, Verdict verdict,
                                 long differences, List<String> differenceLines, @Nullable String error, Instant at,
                                 Duration duration, @Nullable SampleCoverage sample) {
    /** A full test restore, as {@code rdump verify} runs. */
    public static final String TEST_RESTORE = "test-restore";
    /** A restore checked against its manifest, as {@code rdump restore} runs. */
    public static final String RESTORE = "restore";
    /**
     * A sampled check ({@code rdump verify --sample}): some entries of the backup, restored and
     * checked; {@code paths} stays empty (see {@link SampleCoverage}) and it proves no backup.
     */
    public static final String SAMPLE = "sample";

    /**
     * A record without sample coverage (a test restore or a restore check).
     *
     * @param kind {@code test-restore} or {@code restore}
     * @param volume the volume
     * @param destination the tool instance restored from
     * @param tool the tool's id
     * @param stamp the run stamp of the backup checked, or null when the check failed before one was chosen
     * @param backupTime when that backup was made, or null as for {@code stamp}
     * @param paths the paths restored and checked, relative to the volume; empty for everything
     * @param checked how many manifest entries were checked, or -1 when not counted
     * @param verdict what the check found
     * @param differences how many differences it found
     * @param differenceLines the differences in rsure's format (at most the first 100)
     * @param error why it failed (differences or another error), or null
     * @param at when the check ended
     * @param duration how long it took
     * @throws NullPointerException if a non-null component is null
     */
    public VerificationRecord(String kind, String volume, String destination, String tool, @Nullable String stamp,
                              @Nullable Instant backupTime, List<String> paths, long checked, Verdict verdict,
                              long differences, List<String> differenceLines, @Nullable String error, Instant at,
                              Duration duration) {
        this(kind, volume, destination, tool, stamp, backupTime, paths, checked, verdict, differences,
                differenceLines, error, at, duration, null);
    }

    /**
     * Checks the components.
     *
     * @param kind {@code test-restore} or {@code restore}
     * @param volume the volume
     * @param destination the tool instance restored from
     * @param tool the tool's id
     * @param stamp the run stamp of the backup checked, or null when the check failed before one was chosen
     * @param backupTime when that backup was made, or null as for {@code stamp}
     * @param paths the paths restored and checked, relative to the volume; empty for everything
     * @param checked how many manifest entries were checked, or -1 when not counted
     * @param verdict what the check found
     * @param differences how many differences it found
     * @param differenceLines the differences in rsure's format (at most the first 100)
     * @param error why it failed (differences or another error), or null
     * @param at when the check ended
     * @param duration how long it took
     * @param sample for a sampled check ({@link #SAMPLE}), what it covered of its cycle; null otherwise, and
     *     for a sampled check that failed before it chose its entries
     * @throws NullPointerException if a component other than {@code stamp}, {@code backupTime},
     *     {@code error} or {@code sample} is null
     * @throws IllegalArgumentException if {@code sample} is given for a kind other than {@link #SAMPLE}
     */
    public VerificationRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(tool, "tool");
        paths = List.copyOf(paths);
        Objects.requireNonNull(verdict, "verdict");
        differenceLines = List.copyOf(differenceLines);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        if (sample != null && !kind.equals(SAMPLE)) {
            throw new IllegalArgumentException("a " + kind + " record has no sample coverage");
        }
    }

    /**
     * Whether this checked the whole backup: not a sample, and no paths named.
     *
     * @return true when it neither sampled nor named paths
     */
    public boolean full() {
        return sample == null && paths.isEmpty();
    }

    /**
     * Whether this proved the whole backup restorable: a full test restore that matched (never a sample).
     *
     * @return true for a full check that matched and chose a backup
     */
    public boolean provesBackup() {
        return verdict == Verdict.MATCHES && full() && stamp != null;
    }

    /** What a check found. */
    public enum Verdict {
        /** Everything restored matches the manifest. */
        MATCHES,
        /** Something differs from the manifest. */
        DIFFERS,
        /** The restore or the check failed before a verdict (a tool failed, no such backup). */
        FAILED;

        /**
         * The lower-case name stored in the ledger and shown in JSON.
         *
         * @return {@code matches}, {@code differs} or {@code failed}, as stored in the ledger and shown in JSON
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
