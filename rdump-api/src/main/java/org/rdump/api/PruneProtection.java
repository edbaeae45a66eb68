package org.rdump.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link BackupTool#prune} must not delete, whatever the retention settings say.
 * Immutable, value semantics.
 *
 * <p>Core passes the times at which a guard of the volume failed (its tree looked empty,
 * unmounted or much smaller than before) and has not been cleared since by a backup that passed
 * every guard: for each such time, the newest complete backup made <em>before</em> it is the last
 * one known to hold the volume's files, and must stay. Backups made later count against the
 * retention as usual (they are kept or deleted by it), so protection keeps at most one extra
 * backup per time.
 *
 * @param keepNewestBefore for each instant, the newest complete backup older than it stays;
 *     copied, never null, empty when nothing is protected
 * @since 0.3
 */
public record PruneProtection(List<Instant> keepNewestBefore) {
    /** Nothing protected: the retention settings alone decide. */
    public static final PruneProtection NONE = new PruneProtection(List.of());

    public PruneProtection {
        keepNewestBefore = List.copyOf(keepNewestBefore);
    }

    /** Protection of the newest backup older than {@code guardFailure}. */
    public static PruneProtection newestBefore(Instant guardFailure) {
        return new PruneProtection(List.of(guardFailure));
    }

    public boolean isEmpty() {
        return keepNewestBefore.isEmpty();
    }

    /**
     * The backups of {@code backups} that must stay: for each instant, the newest one whose time
     * is before it. A helper for tools; never null, possibly empty (nothing older exists).
     *
     * @param backups one volume's backups, in any order; never null
     */
    public List<ArchiveInfo> protectedAmong(List<ArchiveInfo> backups) {
        return keepNewestBefore.stream()
                .map(t -> backups.stream().filter(b -> b.time().isBefore(t))
                        .max(Comparator.comparing(ArchiveInfo::time).thenComparing(ArchiveInfo::id)))
                .flatMap(Optional::stream).distinct().toList();
    }
}
