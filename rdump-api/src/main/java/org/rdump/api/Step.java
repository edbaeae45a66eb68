package org.rdump.api;

/**
 * One action of a backup run, with the cleanup that undoes it.
 *
 * <p>The runner calls {@link #perform} at most once. If {@code perform} returned normally, or
 * threw after it may have changed something, the runner later calls {@link #cleanup} exactly
 * once, in reverse order of the performed steps, whether the run succeeds, fails or is
 * interrupted. Steps are used from one thread at a time.
 *
 * <p>A step must never run a shell, log a secret, or touch another volume than its own. Every
 * external program goes through {@link RunContext#runner()}. In a dry run the runner records
 * commands instead of running them; a step that does work in Java (writing a file, hashing a
 * tree) must check {@link RunContext#dryRun()} and only describe that work.
 *
 * @since 0.1
 */
public interface Step {

    /** The phase this step belongs to; constant. */
    Phase phase();

    /** The volume this step works on (its configured name); constant, never null. */
    String volume();

    /** One line saying what the step does, e.g. {@code snapshot vg0/root as vg0/root_snap}. */
    String describe();

    /**
     * Does the work.
     *
     * @param context never null
     * @throws RdumpException when the step failed; the run then stops and cleans up
     */
    void perform(RunContext context);

    /**
     * Undoes what {@link #perform} set up (unmount, remove a snapshot, destroy a clone). Must be
     * idempotent and must succeed when {@code perform} failed half way or did nothing. The
     * default does nothing, for steps that leave nothing to undo.
     *
     * @param context never null
     * @throws RdumpException when the cleanup failed; the runner logs it and goes on with the
     *     other cleanups
     */
    default void cleanup(RunContext context) {
    }
}
