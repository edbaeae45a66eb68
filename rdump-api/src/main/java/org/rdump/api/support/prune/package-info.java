/**
 * Snapshot pruning policies shared by every provider that keeps snapshots of its own (ZFS's
 * {@code zfs-volumes} snapshots, the kept snapshots of a {@code snapshots:} volume): the naming
 * scheme {@code <prefix>NNNN-YYYYMMDDHHMM} ({@link org.rdump.api.support.prune.SnapshotName}), the
 * pure policies ({@link org.rdump.api.support.prune.PrunePolicy}: Hanoi, or time buckets as
 * sanoid counts them), what a prune keeps and destroys ({@link org.rdump.api.support.prune.PrunePlan})
 * and the {@code prune:} configuration key ({@link org.rdump.api.support.prune.PruneSettings}).
 * Everything here is pure and immutable; listing and deleting snapshots is the provider's (or
 * core's) business. Status: experimental.
 *
 * @since 0.6
 */
@NullMarked
package org.rdump.api.support.prune;

import org.jspecify.annotations.NullMarked;
