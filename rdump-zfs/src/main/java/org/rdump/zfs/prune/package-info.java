/**
 * Snapshot naming and pruning. Snapshots are named {@code <prefix>NNNN-YYYYMMDDHHMM}, as in the
 * original rdump, the number one more than the highest under the dataset tree
 * ({@link org.rdump.zfs.prune.SnapshotName}). A {@link org.rdump.zfs.prune.PrunePolicy} (pure)
 * picks what to keep: Hanoi (the newest N, then the newest of each popcount of the number) or
 * time buckets (hourly, daily, weekly, monthly, yearly counts, as sanoid). The
 * {@link org.rdump.zfs.prune.Pruner} never destroys the newest snapshot, snapshots outside the
 * naming scheme, or protected ones (the newest snapshot a replication destination still
 * shares); in a dry run it only lists what would go. Status: experimental.
 */
@NullMarked
package org.rdump.zfs.prune;

import org.jspecify.annotations.NullMarked;
