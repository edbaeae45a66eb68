package org.rdump.api;

/**
 * Optional capabilities of a {@link SnapshotProvider}. Core asks for a feature; it never tests
 * the provider's class.
 *
 * @since 0.1
 */
public enum SnapshotFeature {
    /** {@link SnapshotProvider#cloneWritable} works. */
    WRITABLE_CLONE,
    /** Snapshots can be sent to another pool or host. */
    SEND_RECEIVE,
    /** A snapshot can be taken of a dataset and all its children at once. */
    RECURSIVE,
    /** Snapshots can be listed and destroyed for pruning. */
    PRUNE,
    /**
     * A run's snapshot can be kept under a name of its own ({@link SnapshotProvider#keep}), with
     * {@link SnapshotProvider#keptRemoval} for the journal; {@link SnapshotProvider#list} lists
     * the kept ones and {@link SnapshotProvider#remove} deletes them (a {@code snapshots:} volume
     * with {@code keep: true} and {@code prune:}).
     *
     * @since 0.6
     */
    KEEP
}
