/**
 * btrfs support: the {@code btrfs} snapshot provider ({@link org.rdump.btrfs.BtrfsSnapshotProvider}),
 * used through core's {@code snapshots:} section. A run takes a read-only snapshot of the
 * subvolume ({@code btrfs subvolume snapshot -r}) in the volume's snapshot directory, then a
 * writable snapshot of that at {@code snap} (the btrfs analogue of a ZFS clone), in which core
 * updates the manifest before the backups read it; cleanup, and recovery after a crash, delete
 * both.
 *
 * <p>Commands are built by the pure {@code BtrfsCommands}; what btrfs says about a path that is
 * not a subvolume is read by the pure {@code BtrfsErrors}. The module needs nothing but
 * {@code rdump-api}. Status: experimental.
 */
@NullMarked
package org.rdump.btrfs;

import org.jspecify.annotations.NullMarked;
