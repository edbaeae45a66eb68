package org.rdump.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link BackupTool#prune} must not delete, whatever the retention settings say.
 * Immutable, value semantics; data, so that a dry run prints what stays and why.
 *
 * <p>Core passes the times at which a guard of the volume failed (its tree looked empty,
 * unmounted or much smaller than before) and has not been cleared since by a backup that passed
 * every guard: for each such time, the newest complete backup made <em>before</em> it is the last
 * one known to hold the volume's files, and must stay. Backups made later count against the
 * retention as usual (they are kept or deleted by it), so protection keeps at most one extra
 * backup per time.
 *
 * <p>With {@code keep_verified} (the default), core also names the backup of this volume and
 * destination that the ledger holds as the newest proven restorable by a full test restore
 * ({@link #kept}, matched by the backup's time), and, when the ledger cannot be read so that it
 * is unknown which backup is proven, a {@link #skip} reason: then the tool prunes nothing.
 *
 * @param keepNewestBefore for each instant, the newest complete backup older than it stays;
 *     copied, never null, empty when nothing is protected
 * @param kept backups that stay, each with its reason; copied, never null
 * @param skip when not null: prune nothing, for this reason (printed as a warning)
 * @since 0.3
 */
public record PruneProtection(List<Instant> keepNewestBefore, List<Kept> kept, @Nullable String skip) {
    /** Nothing protected: the retention settings alone decide. */
    public static final PruneProtection NONE = new PruneProtection(List.of());

    /**
     * One backup that stays, by the time it was made ({@link ArchiveInfo#time()}).
     *
     * @param time when the backup was made; never null
     * @param reason why it stays, a sentence completing "kept: STAMP " (e.g. "is the newest
     *     backup proven restorable (verify 2026-12-01 22:00Z)"); never null
     * @since 0.5
     */
    public record Kept(Instant time, String reason) {
        /**
         * Checks the components.
         *
         * @param time when the backup was made; never null
         * @param reason why it stays, a sentence completing "kept: STAMP " (e.g. "is the newest backup proven restorable (verify 2026-12-01 22:00Z)"); never null
         * @throws NullPointerException if {@code time} or {@code reason} is null
         */
        public Kept {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The line a prune prints for this backup, {@code kept: STAMP REASON}.
         *
         * @return the line, never null
         */
        public String describe() {
            return "kept: " + ArchiveInfo.STAMP.format(time) + " " + reason;
        }
    }

    /**
     * Checks the components and copies the lists.
     *
     * @param keepNewestBefore for each instant, the newest complete backup older than it stays; copied, never null, empty when nothing is protected
     * @param kept backups that stay, each with its reason; copied, never null
     * @param skip when not null: prune nothing, for this reason (printed as a warning)
     * @throws NullPointerException if {@code keepNewestBefore} or {@code kept} is null
     */
    public PruneProtection {
        keepNewestBefore = List.copyOf(keepNewestBefore);
        kept = List.copyOf(kept);
    }

    /**
     * Only guard failures protected (as before 0.5).
     *
     * @param keepNewestBefore for each instant, the newest complete backup older than it stays;
     *     never null; copied
     */
    public PruneProtection(List<Instant> keepNewestBefore) {
        this(keepNewestBefore, List.of(), null);
    }

    /**
     * Protection of the newest backup older than {@code guardFailure}.
     *
     * @param guardFailure when a guard of the volume failed; never null
     * @return the protection; never null
     */
    public static PruneProtection newestBefore(Instant guardFailure) {
        return new PruneProtection(List.of(guardFailure));
    }

    /**
     * Protection of one backup, by its time, for a reason.
     *
     * @param time when the backup was made ({@link ArchiveInfo#time()}); never null
     * @param reason why it stays, completing "kept: STAMP "; never null
     * @return the protection; never null
     * @since 0.5
     */
    public static PruneProtection keeping(Instant time, String reason) {
        return new PruneProtection(List.of(), List.of(new Kept(time, reason)), null);
    }

    /**
     * Prune nothing, for {@code reason}, e.g. because the ledger cannot be read.
     *
     * @param reason why, printed as a warning; never null
     * @return the protection; never null
     * @throws NullPointerException if {@code reason} is null
     * @since 0.5
     */
    public static PruneProtection skipping(String reason) {
        return new PruneProtection(List.of(), List.of(), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Both protections: every time and backup of each; the first skip reason.
     *
     * @param other the protection to add; never null
     * @return the combined protection; this one is unchanged
     * @since 0.5
     */
    public PruneProtection and(PruneProtection other) {
        List<Instant> times = new ArrayList<>(keepNewestBefore);
        times.addAll(other.keepNewestBefore);
        List<Kept> all = new ArrayList<>(kept);
        all.addAll(other.kept);
        return new PruneProtection(times, all, skip != null ? skip : other.skip);
    }

    /**
     * Whether nothing is protected and nothing skipped, so that retention alone decides.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return keepNewestBefore.isEmpty() && kept.isEmpty() && skip == null;
    }

    /**
     * The skip reason, if pruning must not run at all.
     *
     * @return the reason; never null, empty when pruning may run
     * @since 0.5
     */
    public Optional<String> skipReason() {
        return Optional.ofNullable(skip);
    }

    /**
     * The backups of {@code backups} that must stay because of a guard failure: for each instant,
     * the newest one whose time is before it. A helper for tools; never null, possibly empty
     * (nothing older exists).
     *
     * @param backups one volume's backups, in any order; never null
     * @return the backups that stay, each once; never null
     */
    public List<ArchiveInfo> protectedAmong(List<ArchiveInfo> backups) {
        return keepNewestBefore.stream()
                .map(t -> backups.stream().filter(b -> b.time().isBefore(t))
                        .max(Comparator.comparing(ArchiveInfo::time).thenComparing(ArchiveInfo::id)))
                .flatMap(Optional::stream).distinct().toList();
    }

    /**
     * The reason a backup stays by {@link #kept} (its time is a kept one), if it does.
     *
     * @param time the backup's time ({@link ArchiveInfo#time()}); never null
     * @return the entry that keeps it; never null, empty when none does
     * @since 0.5
     */
    public Optional<Kept> keptFor(Instant time) {
        return kept.stream().filter(k -> k.time().equals(time)).findFirst();
    }
}
