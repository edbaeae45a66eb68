/**
 * borgbackup as an rdump {@link org.rdump.api.BackupTool} (id {@code borg}).
 *
 * <p>Each run makes one archive per volume, {@code <volume>-<run stamp>}, with
 * {@code borg create --exclude-caches -x --stats --json --progress --log-json ::NAME .} run in
 * the tree's root, so archive paths are relative and {@code borg extract} in a scratch directory
 * gives the tree back at its root. The repository comes from {@code repo} ({@code BORG_REPO}) or
 * from the environment a configured {@code wrapper} script (the original rdump's
 * {@code borg.sh}) sets up; the passphrase only ever travels in {@code BORG_PASSPHRASE} or
 * {@code BORG_PASSCOMMAND}. Listing and pruning match {@code <volume>-<stamp>} exactly, so that
 * volume {@code data} never touches {@code data-old}'s archives. borg's JSON is read by a small
 * built-in reader ({@code Json}), so the plugin needs rdump-api only.
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.borg;

import org.jspecify.annotations.NullMarked;
