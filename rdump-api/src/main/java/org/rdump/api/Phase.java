package org.rdump.api;

/**
 * The phases of a backup run, in the order they run. The planner groups the steps of all
 * selected volumes by phase, so that (for example) the snapshots of every volume are taken
 * close together, as the original rdump does.
 *
 * @since 0.1
 */
public enum Phase {
    /** Write the {@code snapstamp} file in each live volume. */
    TIMESTAMP,
    /** Take the snapshots (LVM, ZFS). */
    SNAPSHOT,
    /** Mount snapshots or make writable clones of them. */
    MOUNT,
    /** Update the integrity manifest inside each frozen tree. */
    INTEGRITY,
    /** Run the backup tools (borg, rsync) on each frozen tree. */
    BACKUP,
    /** Mirror trees into another place, e.g. rsync into a ZFS dataset. */
    MIRROR,
    /** Snapshot the mirrors. */
    MIRROR_SNAPSHOT,
    /** Test-restore what was backed up and check it against its manifest. */
    VERIFY
}
