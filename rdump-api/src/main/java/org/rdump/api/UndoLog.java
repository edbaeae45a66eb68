package org.rdump.api;

/**
 * The run's journal of what exists (see {@link Undo}), handed to steps through
 * {@link RunContext#undo()}. Implemented by core; thread-safe.
 *
 * <p>The protocol for a step that creates something that outlives it:
 * <pre>{@code
 * Undo clone = Undo.of("zfs-clone", dataset, volume, UndoAction.Run.of(destroyArgv, listArgv));
 * context.undo().record(clone);      // synced to disk before the clone exists
 * zfs.clone(...);
 * ...
 * // in cleanup(), also after a failed perform:
 * context.undo().undo(clone, context);   // carries out the actions, then marks the record done
 * }</pre>
 * A step may remove the resource itself and then call {@link #done}. Recording the same
 * (kind, identity) again while it is open is allowed and replaces the actions.
 *
 * @since 0.2
 */
public interface UndoLog {

    /** Records nothing: for dry runs and for contexts outside a run. */
    UndoLog NONE = new UndoLog() {
        @Override
        public Undo record(Undo undo) {
            return undo;
        }

        @Override
        public void done(Undo undo) {
        }
    };

    /**
     * Records that {@code undo}'s resource is about to exist; returns once the record is on disk.
     *
     * @param undo the record; never null
     * @return {@code undo}, to keep for {@link #done} or {@link #undo}
     * @throws RdumpException when the journal cannot be written (the step must then not create
     *     the resource)
     */
    Undo record(Undo undo);

    /**
     * Closes a record: its resource is gone. Idempotent; unknown records are ignored.
     *
     * @param undo the record, as {@link #record} returned it; never null
     */
    void done(Undo undo);

    /**
     * Carries out {@code undo}'s actions through {@code context} (its runner; nothing is deleted or
     * stopped in a dry run, whose runner only records), then marks it done.
     *
     * @param undo the record, as {@link #record} returned it; never null
     * @param context the context whose runner carries out the actions; never null
     * @throws RdumpException when an action failed; the record then stays open, and the message
     *     says what to run by hand
     */
    default void undo(Undo undo, RunContext context) {
        org.rdump.api.support.UndoActions.carryOut(undo, context);
        done(undo);
    }
}
