/**
 * ZFS send streams to files, tool {@code zfs-stream}: each run of a {@code zfs-volumes} volume
 * writes {@code zfs send} of its snapshot to a file (a full stream the first time and every
 * {@code full_every} runs, an incremental one from the previous stream's snapshot otherwise),
 * with its SHA-256 computed while it is written, a {@code .sha256} file beside it, the run's
 * updated manifest beside it, and an entry in the volume's {@code chain.json}
 * ({@link org.rdump.zfs.stream.StreamIndex}, written atomically). A stream counts only once its
 * entry is in the index: a killed run leaves a journaled {@code .partial} (removed by recovery)
 * or, in the instant between rename and index write, an uncounted file that the next backup
 * removes.
 *
 * <p><b>Restore.</b> The chain from the full stream up to the chosen stamp is checked (SHA-256
 * of each file against the index) and received with {@code zfs receive} into a scratch dataset
 * {@code POOL/rdump-stream-HEX} (journaled, destroyed afterwards); the tree is copied out of its
 * mountpoint and the run's manifest put at its root.
 *
 * <p><b>Bases and the pruner.</b> The tool does not hold snapshots (zfs-fuse has no
 * {@code zfs hold}); it handles a pruned base itself: when the previous stream's snapshot no
 * longer exists, the run writes a full stream and warns. Status: experimental.
 */
@NullMarked
package org.rdump.zfs.stream;

import org.jspecify.annotations.NullMarked;
