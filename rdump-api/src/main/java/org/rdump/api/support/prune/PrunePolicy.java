package org.rdump.api.support.prune;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which snapshots of one dataset (or one volume's kept snapshots) to keep. Pure; implementations
 * are immutable records with value semantics and thread-safe.
 *
 * @since 0.6 (in {@code org.rdump.zfs.prune} since 0.1)
 */
public sealed interface PrunePolicy {

    /**
     * The snapshots to keep.
     *
     * @param snapshots one dataset's snapshots of the naming scheme, oldest first; never null
     * @return a subset of {@code snapshots}; never null
     */
    Set<SnapshotName> keep(List<SnapshotName> snapshots);

    /**
     * The original rdump's Hanoi-like policy: keep the newest {@code keepNewest}; of the older
     * ones keep, for each number of set bits in the snapshot number, the newest with that count.
     * Older snapshots thin out roughly like the towers of Hanoi schedule.
     *
     * @param keepNewest how many of the newest are always kept (the original used 10), at least 0
     * @since 0.6
     */
    record Hanoi(int keepNewest) implements PrunePolicy {
        /**
         * Checks the count.
         *
         * @param keepNewest how many of the newest are always kept, at least 0
         * @throws IllegalArgumentException if {@code keepNewest} is negative
         */
        public Hanoi {
            if (keepNewest < 0) {
                throw new IllegalArgumentException("keepNewest must be >= 0: " + keepNewest);
            }
        }

        /**
         * {@inheritDoc}
         */
        @Override
        public Set<SnapshotName> keep(List<SnapshotName> snapshots) {
            Set<SnapshotName> keep = new LinkedHashSet<>();
            Set<Integer> pops = new HashSet<>();
            for (int i = snapshots.size() - 1, index = 0; i >= 0; i--, index++) {
                SnapshotName s = snapshots.get(i);
                if (index < keepNewest) {
                    keep.add(s);
                    continue;
                }
                if (pops.add(Integer.bitCount(s.number()))) {
                    keep.add(s);
                }
            }
            return keep;
        }
    }

    /**
     * Time buckets, as sanoid counts them: for each period with a count {@code n > 0}, the newest
     * snapshot of each of the {@code n} newest periods that have one is kept. The newest
     * snapshot is always kept. Weeks start on Monday; periods are of the names' local times.
     *
     * @param hourly how many newest hours keep their newest snapshot, at least 0
     * @param daily how many newest days keep their newest snapshot, at least 0
     * @param weekly how many newest weeks keep their newest snapshot, at least 0
     * @param monthly how many newest months keep their newest snapshot, at least 0
     * @param yearly how many newest years keep their newest snapshot, at least 0
     * @since 0.6
     */
    record TimeBuckets(int hourly, int daily, int weekly, int monthly, int yearly) implements PrunePolicy {
        /**
         * Checks the counts.
         *
         * @param hourly how many newest hours keep their newest snapshot, at least 0
         * @param daily how many newest days keep their newest snapshot, at least 0
         * @param weekly how many newest weeks keep their newest snapshot, at least 0
         * @param monthly how many newest months keep their newest snapshot, at least 0
         * @param yearly how many newest years keep their newest snapshot, at least 0
         * @throws IllegalArgumentException if a count is negative
         */
        public TimeBuckets {
            if (hourly < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
                throw new IllegalArgumentException("counts must be >= 0");
            }
        }

        /**
         * {@inheritDoc}
         */
        @Override
        public Set<SnapshotName> keep(List<SnapshotName> snapshots) {
            Set<SnapshotName> keep = new LinkedHashSet<>();
            if (snapshots.isEmpty()) {
                return keep;
            }
            keep.add(snapshots.get(snapshots.size() - 1));
            bucket(snapshots, hourly, t -> t.truncatedTo(ChronoUnit.HOURS), keep);
            bucket(snapshots, daily, t -> t.truncatedTo(ChronoUnit.DAYS), keep);
            bucket(snapshots, weekly, t -> t.truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), keep);
            bucket(snapshots, monthly, t -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1), keep);
            bucket(snapshots, yearly, t -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1), keep);
            return keep;
        }

        private static void bucket(List<SnapshotName> snapshots, int count,
                                   Function<LocalDateTime, LocalDateTime> period, Set<SnapshotName> keep) {
            Set<LocalDateTime> seen = new HashSet<>();
            for (int i = snapshots.size() - 1; i >= 0 && seen.size() < count; i--) {
                SnapshotName s = snapshots.get(i);
                if (seen.add(period.apply(s.time()))) {
                    keep.add(s);
                }
            }
        }
    }
}
