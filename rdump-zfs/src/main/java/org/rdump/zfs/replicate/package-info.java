/**
 * ZFS replication ({@code zfs:} jobs): every dataset under a source root is copied to the same
 * place under a destination root with {@code zfs send | zfs receive}, either side local or
 * reached through ssh.
 *
 * <p>Planning ({@link org.rdump.zfs.replicate.ReplicationPlanner}, pure) maps each source
 * dataset by its suffix. Missing at the destination: create the destination's parent, send the
 * first snapshot in full, then {@code send -I first last}. Present: find the newest snapshot
 * both sides have and {@code send -I common last}; a destination snapshot newer than that is an
 * error (it would be rolled back by {@code receive -F}). A destination with a
 * {@code receive_resume_token} resumes first ({@code send -t}), where both sides support it.
 *
 * <p>Execution ({@link org.rdump.zfs.replicate.Replicator}) starts both processes through the
 * run's {@link org.rdump.api.command.CommandRunner} and copies the stream in Java
 * ({@link org.rdump.zfs.replicate.ZfsPipe}), reporting bytes, rate and (with an estimate from
 * {@code send -nP}) percentage and time left. Receives use {@code -F}, and {@code -u} and
 * {@code -s} when the destination has them. After a job, the source snapshot each destination
 * dataset needs next (the base of the next incremental) carries the hold {@code rdump-replica
 * DEST} and the previous one is released, so no pruning destroys it. With {@code prune:} the job
 * also gets a {@link org.rdump.zfs.replicate.ReplicationPruneStep} (see the prune package).
 * Status: experimental.
 */
@NullMarked
package org.rdump.zfs.replicate;

import org.jspecify.annotations.NullMarked;
