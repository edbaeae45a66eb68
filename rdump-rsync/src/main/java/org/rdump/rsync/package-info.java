/**
 * rsync as an rdump {@link org.rdump.api.BackupTool} (id {@code rsync}): a mirror of each volume
 * ({@code DEST/<volume>/}), or dated copies ({@code DEST/<volume>/<run stamp>/}) in which files
 * unchanged since the previous copy are hard links to it ({@code --link-dest}).
 *
 * <p>A dated copy is written under {@code <run stamp>.partial} and renamed only when rsync
 * succeeded, so an interrupted or failed run never looks like a complete copy; the next run
 * reuses the partial directory so that work already copied is not copied again. A mirror is
 * marked complete by a file {@code DEST/<volume>.complete} holding the run stamp, removed before
 * and written after each run. Destinations are local paths only ({@code host:path} is refused).
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.rsync;

import org.jspecify.annotations.NullMarked;
