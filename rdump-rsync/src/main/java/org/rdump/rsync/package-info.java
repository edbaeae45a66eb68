/**
 * rsync as an rdump {@link org.rdump.api.BackupTool} (id {@code rsync}): a mirror of each volume
 * ({@code DEST/<volume>/}), or dated copies ({@code DEST/<volume>/<run stamp>/}) in which files
 * unchanged since the previous copy are hard links to it ({@code --link-dest}).
 *
 * <p>A dated copy is written under {@code <run stamp>.partial} and renamed only when rsync
 * succeeded, so an interrupted or failed run never looks like a complete copy; the next run
 * reuses the partial directory so that work already copied is not copied again. A mirror is
 * marked complete by a file {@code DEST/<volume>.complete} holding the run stamp, removed before
 * and written after each run.
 *
 * <p>A destination is a local directory ({@link CopyStore.Local}) or {@code [user@]host:/path}
 * on a host reached over ssh ({@link SshStore}): rsync runs with {@code -s -e SSH}, and the
 * listing, renames, marker and deletions are single remote commands quoted once, so the same
 * layout, the same partial-then-rename guarantee and the same retention hold there. A verify or
 * restore from a remote copy first fetches it into local scratch with rsync.
 *
 * <p>Two more modes keep a chain instead, local destinations only:
 * {@link DifferentialCopies} ({@code mode: differential}: a full dated copy every
 * {@code full_every} runs, and {@code <stamp>.diff/} copies of only what changed since it, from
 * an itemized dry run parsed by {@link ItemizedChanges}) and {@link BatchCopies}
 * ({@code mode: batch}: {@code --only-write-batch} files against a reference mirror, a new base
 * every {@code full_every} runs, pruned by whole chains). Their
 * restores are composed in scratch by {@link CopyRestorer}.
 *
 * <p>The same module provides the {@code pull} {@link org.rdump.api.Strategy}
 * ({@link PullStrategy}): a volume whose tree is on another host is rsynced over ssh into a
 * local staging kept between runs ({@link PullStep}), and the manifest and the backups are then
 * made from the staging; the manifest is updated only after a complete pull.
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.rsync;

import org.jspecify.annotations.NullMarked;
