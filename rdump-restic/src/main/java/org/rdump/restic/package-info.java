/**
 * restic as an rdump {@link org.rdump.api.BackupTool} (id {@code restic}).
 *
 * <p>Each run makes one snapshot per volume with
 * {@code restic backup --json --one-file-system --exclude-caches --host H --tag rdump-volume=V
 * --tag rdump-stamp=S --time T .} run in the tree's root, so snapshot paths are relative to it and
 * {@code restic restore ID --target DIR} gives the tree back at {@code DIR}. rdump finds a
 * volume's snapshots by host and volume tag, and names each by its run stamp (the tag) and by
 * restic's short id. The repository and the password source only ever travel in
 * {@code RESTIC_REPOSITORY}, {@code RESTIC_PASSWORD_FILE} and {@code RESTIC_PASSWORD_COMMAND}.
 * Retention is {@code restic forget --group-by '' --host H --tag rdump-volume=V --keep-... --prune}.
 * restic's JSON is read with {@code api.support.Json}, so the plugin needs rdump-api only.
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.restic;

import org.jspecify.annotations.NullMarked;
