package org.rdump.api;

import java.util.List;
import java.util.Set;

/**
 * Makes a point-in-time, readable (and where possible writable) view of a volume and removes it
 * again; lists snapshots for pruning.
 *
 * <p>Contract: every program runs through {@code context.runner()}. {@link #remove} is
 * idempotent: removing a snapshot that is already gone succeeds, because cleanup may run again
 * after a crash. A missing volume gives an {@link RdumpException} that names the volume.
 * Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface SnapshotProvider extends Plugin {

    /** What this provider can do beyond create, list and remove. */
    Set<SnapshotFeature> features();

    /**
     * Takes a snapshot.
     *
     * @param volume the provider's name of the volume, e.g. {@code vg0/root}
     * @param name the snapshot's name
     * @param settings provider options (size, thin...); never null
     * @throws RdumpException naming the volume when it does not exist or the snapshot fails
     */
    SnapshotRef create(String volume, String name, Settings settings, RunContext context);

    /** Removes a snapshot; succeeds when it is already gone. */
    void remove(SnapshotRef snapshot, RunContext context);

    /** The snapshots of a volume, oldest first. */
    List<SnapshotRef> list(String volume, RunContext context);

    /**
     * Makes a writable clone of a snapshot at {@code target} (requires
     * {@link SnapshotFeature#WRITABLE_CLONE}).
     *
     * @throws UnsupportedOperationException when the feature is absent
     */
    default SnapshotRef cloneWritable(SnapshotRef snapshot, String target, RunContext context) {
        throw new UnsupportedOperationException(id() + " cannot make writable clones");
    }

    /**
     * The settings {@link #create} reads, which a {@code snapshots:} volume naming this provider
     * accepts besides core's own keys (checked when the configuration is loaded, and shown by
     * {@code rdump config-reference}). The default is none.
     *
     * @since 0.5
     */
    default SettingsSchema settingsSchema() {
        return SettingsSchema.of();
    }

    /**
     * What removes the snapshot {@code name} of {@code volume} without this provider, for the
     * run's journal: a run killed between {@link #create} and {@link #remove} leaves the record
     * open, and the next run carries these actions out (see {@link Undo}). Each action must be
     * idempotent and must touch nothing but that snapshot (use {@link UndoAction.Run}'s
     * {@code onlyIf} and {@code expect}). Pure. A {@code snapshots:} volume needs a provider
     * that says this; the default (empty) means it cannot be journaled.
     *
     * @param settings the same settings {@link #create} receives
     * @return never null; empty when this provider cannot say
     * @since 0.5
     */
    default List<UndoAction> removal(String volume, String name, Settings settings) {
        return List.of();
    }
}
