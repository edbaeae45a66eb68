package org.rdump.zfs.prune;

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
 * Which snapshots of one dataset to keep. Pure; implementations are immutable.
 *
 * @since 0.1
 */
public sealed interface PrunePolicy {

    /**
     * The snapshots to keep.
     *
     * @param snapshots one dataset's snapshots of the naming scheme, oldest first
     * @return a subset of {@code snapshots}
     */
    Set<SnapshotName> keep(List<SnapshotName> snapshots);

    /**
     * The original rdump's Hanoi-like policy: keep the newest {@code keepNewest}; of the older
     * ones keep, for each number of set bits in the snapshot number, the newest with that count.
     * Older snapshots thin out roughly like the towers of Hanoi schedule.
     *
     * @param keepNewest how many of the newest are always kept (the original used 10)
     */
    record Hanoi(int keepNewest) implements PrunePolicy {
        public Hanoi {
            if (keepNewest < 0) {
                throw new IllegalArgumentException("keepNewest must be >= 0: " + keepNewest);
            }
        }

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
     * snapshot is always kept.
     */
    record TimeBuckets(int hourly, int daily, int weekly, int monthly, int yearly) implements PrunePolicy {
        public TimeBuckets {
            if (hourly < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
                throw new IllegalArgumentException("counts must be >= 0");
            }
        }

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
