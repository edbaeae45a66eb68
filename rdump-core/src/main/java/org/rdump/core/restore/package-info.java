/**
 * Finding and restoring backups. One backup is one run stamp of one volume, found in each
 * destination by (volume, stamp) ({@link org.rdump.api.ArchiveInfo#stamp()}).
 *
 * <p>{@link org.rdump.core.restore.Backups} lists every destination's backups of a volume,
 * newest first, and picks one: by stamp or a tool's own archive name, by time (the newest at or
 * before it), or the newest, across tools unless one is named. A
 * {@link org.rdump.core.restore.RestoreStep} restores it (or some paths of it) into a target with
 * the tool's {@link org.rdump.api.BackupTool#restorePaths}, then checks what it restored against
 * the manifest version that travelled inside that backup: the whole tree, or only the requested
 * paths; differences are reported with volume-relative paths. Status: experimental.
 */
@NullMarked
package org.rdump.core.restore;

import org.jspecify.annotations.NullMarked;
