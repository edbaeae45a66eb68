package org.rdump.zfs;

/**
 * Optional abilities of a {@code zfs} installation, detected at run time by
 * {@link ZfsFeatures#detect}. Old versions (zfs-fuse, pool version 23) have none of them; rdump
 * then falls back as each constant says.
 *
 * @since 0.1
 */
public enum ZfsFeature {
    /** {@code zfs list -p} prints exact numbers; without it sizes and times are read in human form. */
    LIST_PARSABLE,
    /** {@code zfs send -nP} estimates a stream's size; without it progress has no percentage. */
    SEND_ESTIMATE,
    /** {@code zfs receive -u} leaves received datasets unmounted; without it they are mounted. */
    RECEIVE_NO_MOUNT,
    /**
     * {@code zfs receive -s}, the {@code receive_resume_token} property and {@code send -t}: an
     * interrupted stream resumes where it stopped; without it the next run sends it again.
     */
    RESUMABLE_RECEIVE,
    /** {@code zfs bookmark}: a pruned snapshot can leave a bookmark to send increments from. */
    BOOKMARKS
}
