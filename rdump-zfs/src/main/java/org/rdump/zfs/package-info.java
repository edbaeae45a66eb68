/**
 * ZFS support for rdump: the {@code zfs} snapshot provider, the {@code zfs-volumes} strategy
 * (snapshot, writable clone, manifest update in the clone, copy back, optional {@code -rsure}
 * snapshot, backup of the clone, clone destroyed), the {@code zfs-mirror} tool (rsync into a
 * dataset, then snapshot it), and the building blocks the replication and pruning packages
 * share: {@link org.rdump.zfs.ZfsCommands} (pure argument vectors),
 * {@link org.rdump.zfs.ZfsListParser} (pure parsing of {@code -H} output),
 * {@link org.rdump.zfs.ZfsFeatures} (what this zfs can do, detected at run time) and
 * {@link org.rdump.zfs.ZfsClient} (runs and parses). Status: experimental.
 */
@NullMarked
package org.rdump.zfs;

import org.jspecify.annotations.NullMarked;
