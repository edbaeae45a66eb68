package org.rdump.api;

/**
 * The phases of a backup run, in the order they run. The planner groups the steps of all
 * selected volumes by phase, so that (for example) the snapshots of every volume are taken
 * close together, as the original rdump does.
 *
 * @since 0.1
 */
public enum Phase {
    /**
     * Prepare the live volumes: the run's and each volume's {@code before_backup} hooks, each
     * volume's mount-point guard and its {@code dump:} commands (written into the live tree, so
     * that the snapshot, the manifest and every backup hold them).
     *
     * @since 0.6
     */
    PREPARE,
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
    VERIFY,
    /**
     * Each volume's {@code after_backup} and {@code on_error} hooks, then the run's; these run
     * also after their volume (or the run) failed, with the outcome in their environment.
     *
     * @since 0.6
     */
    FINISH
}
