/**
 * Snapshot naming and pruning.
 *
 * <p><b>Naming.</b> rdump's own ZFS snapshots (the {@code zfs-volumes} strategy's) are named as the
 * original rdump named them, {@code <prefix>NNNN-YYYYMMDDHHMM} ({@link org.rdump.api.support.prune.SnapshotName}):
 * the number one more than the highest of the scheme under the dataset tree, the time the run's
 * minute in local time; with {@code rsure_snapshot} a companion {@code <name>-rsure} follows. This
 * scheme was chosen over naming snapshots by the run stamp ({@code 20261124T101500Z}) for two
 * reasons: the Hanoi policy needs a stable, gap-free sequence number (the popcount of the number
 * is what thins the history; a number derived from positions or times would shift as snapshots are
 * pruned or runs are skipped), and a dataset that the original rdump already snapshotted continues
 * its numbering, so old and new snapshots are pruned as one history. (Mirror datasets of the
 * {@code zfs-mirror} tool are still snapshotted by run stamp; those names are outside the scheme
 * and never pruned.)
 *
 * <p><b>Policies.</b> A {@link org.rdump.api.support.prune.PrunePolicy} (pure) picks what to keep: Hanoi
 * (the newest N, then of the older ones the newest for each popcount of the number) or time buckets
 * (hourly, daily, weekly, monthly, yearly counts, as sanoid). {@link org.rdump.api.support.prune.PruneSettings}
 * reads the {@code prune:} key of a {@code zfs-volumes} volume or a {@code zfs:} replication job.
 * These, and the naming scheme, live in rdump-api's {@code org.rdump.api.support.prune} since 0.6,
 * shared with the kept snapshots of {@code snapshots:} volumes; this package holds what is ZFS's
 * own: the {@code Pruner} (companions, holds, {@code zfs destroy}) and {@code ProvenSnapshots}.
 *
 * <p><b>Safety.</b> The {@link org.rdump.zfs.prune.Pruner} never destroys the newest snapshot (nor
 * the newest of the scheme, with its companion), snapshots outside the naming scheme, protected
 * ones (a job's prune protects the newest snapshot its destination shares, from
 * {@code ReplicationPlanner.needed}) or held ones: every replication holds ({@code zfs hold
 * "rdump-replica DEST"}) the source snapshot its destination needs next and releases the previous
 * one, so a volume's own prune, which knows nothing of the jobs, keeps it too. A failed destroy is
 * a warning, never a failed backup. In a dry run the listings are real and each destroy is
 * reported as {@code would destroy DS@NAME}. Pruning runs in the VERIFY phase, the run's last,
 * after every snapshot and replication. Status: experimental.
 */
@NullMarked
package org.rdump.zfs.prune;

import org.jspecify.annotations.NullMarked;
