/**
 * LVM2 support: the {@code lvm} snapshot provider ({@link org.rdump.lvm.LvmSnapshotProvider})
 * and the {@code lvm} strategy ({@link org.rdump.lvm.LvmStrategy}), which snapshots a logical
 * volume, mounts the snapshot, has core update the manifest inside it and back it up, checks
 * that the snapshot did not overflow meanwhile, and unmounts and removes it again.
 *
 * <p>Commands are built by the pure {@code LvmCommands}; {@code lvs --reportformat json} output
 * is read by the pure {@code LvsReportParser} with a small JSON reader of its own, so the module
 * needs nothing but {@code rdump-api}. Status: experimental.
 */
@NullMarked
package org.rdump.lvm;

import org.jspecify.annotations.NullMarked;
