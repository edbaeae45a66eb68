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
    PRUNE
}
