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

    /**
     * What this provider can do beyond create, list and remove. Core asks for a feature before
     * using it. Pure and constant.
     *
     * @return the features; never null, possibly empty
     */
    Set<SnapshotFeature> features();

    /**
     * Takes a snapshot.
     *
     * @param volume the provider's name of the volume, e.g. {@code vg0/root}
     * @param name the snapshot's name
     * @param settings provider options (size, thin...), checked against {@link #settingsSchema()}; never null
     * @param context the run's context; never null
     * @return the snapshot made (in a dry run, the one that would be); never null
     * @throws RdumpException naming the volume when it does not exist or the snapshot fails
     */
    SnapshotRef create(String volume, String name, Settings settings, RunContext context);

    /**
     * Removes a snapshot; succeeds when it is already gone (cleanup may run again after a crash).
     *
     * @param snapshot a snapshot {@link #create} or {@link #list} returned; never null
     * @param context the run's context; never null
     * @throws RdumpException when the snapshot exists and cannot be removed (e.g. busy)
     */
    void remove(SnapshotRef snapshot, RunContext context);

    /**
     * The snapshots of a volume, for pruning and listings. Read-only.
     *
     * @param volume the provider's name of the volume; never null
     * @param context the run's context (read-only commands through its query runner); never null
     * @return the snapshots, oldest first; never null, empty when there are none
     * @throws RdumpException naming the volume when it does not exist
     */
    List<SnapshotRef> list(String volume, RunContext context);

    /**
     * Makes a writable clone of a snapshot at {@code target} (requires
     * {@link SnapshotFeature#WRITABLE_CLONE}), so that the manifest can be written into it.
     *
     * @param snapshot the snapshot to clone; never null
     * @param target the clone's name in the provider's terms, e.g. {@code tank/home_rdump}; never null
     * @param context the run's context; never null
     * @return the clone; never null
     * @throws UnsupportedOperationException when the feature is absent
     * @throws RdumpException when the clone fails
     */
    default SnapshotRef cloneWritable(SnapshotRef snapshot, String target, RunContext context) {
        throw new UnsupportedOperationException(id() + " cannot make writable clones");
    }

    /**
     * The settings {@link #create} reads, which a {@code snapshots:} volume naming this provider
     * accepts besides core's own keys (checked when the configuration is loaded, and shown by
     * {@code rdump config-reference}). The default is none.
     *
     * @return the schema; never null
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
     * @param volume the provider's name of the volume; never null
     * @param name the snapshot's name, as passed to {@link #create}; never null
     * @param settings the same settings {@link #create} receives; never null
     * @return never null; empty when this provider cannot say
     * @since 0.5
     */
    default List<UndoAction> removal(String volume, String name, Settings settings) {
        return List.of();
    }

    /**
     * Keeps what a run's snapshot holds under the name {@code name} (requires
     * {@link SnapshotFeature#KEEP}): a read-only snapshot that outlives the run, of the writable
     * view when {@code taken} has one (so that it holds the manifest updated there), made where
     * {@link #list} finds it and {@link #remove} deletes it. Called by core once per run of a
     * {@code snapshots:} volume with {@code keep: true}, after the backups; core journals
     * {@link #keptRemoval} first, and closes that record once this returns. Must not touch the
     * run's snapshot {@code taken} nor any other snapshot.
     *
     * @param taken the run's snapshot, as {@link #create} returned it; never null
     * @param name the kept snapshot's name (letters, digits, {@code . _ + -}); never null
     * @param settings the same settings {@link #create} received; never null
     * @param context the run's context; never null
     * @return the kept snapshot (in a dry run, the one that would be); never null
     * @throws UnsupportedOperationException when the feature is absent
     * @throws RdumpException when a snapshot of that name exists or the snapshot fails
     * @since 0.6
     */
    default SnapshotRef keep(SnapshotRef taken, String name, Settings settings, RunContext context) {
        throw new UnsupportedOperationException(id() + " cannot keep snapshots");
    }

    /**
     * What removes the kept snapshot {@code name} of {@code volume} without this provider, for the
     * run's journal (as {@link #removal}, for a snapshot {@link #keep} makes): recorded before
     * {@link #keep} (a run killed while keeping leaves no half-made kept snapshot) and before a
     * prune deletes a kept snapshot (a run killed while deleting it has the next run finish the
     * deletion). Each action must be idempotent and touch nothing but that snapshot. Pure.
     *
     * @param volume the provider's name of the volume; never null
     * @param name the kept snapshot's name; never null
     * @param settings the volume's settings, as {@link #create} receives them; never null
     * @return never null; empty when this provider cannot say (then it cannot keep snapshots)
     * @since 0.6
     */
    default List<UndoAction> keptRemoval(String volume, String name, Settings settings) {
        return List.of();
    }

    /**
     * The snapshots of {@code volume} where a volume with these settings keeps them (e.g. a
     * configured snapshot directory), for pruning kept snapshots. Read-only: runs only through
     * {@code context.queryRunner()}. Core prunes only those whose names are of the kept
     * snapshots' scheme. The default is {@link #list(String, RunContext)}.
     *
     * @param volume the provider's name of the volume; never null
     * @param settings the volume's settings, as {@link #create} receives them; never null
     * @param context the run's context; never null
     * @return the snapshots, oldest first; never null, empty when there are none
     * @throws RdumpException naming the volume when it does not exist
     * @since 0.6
     */
    default List<SnapshotRef> list(String volume, Settings settings, RunContext context) {
        return list(volume, context);
    }
}
