package org.rdump.api;

/**
 * One action of a backup run, with the cleanup that undoes it.
 *
 * <p>The runner calls {@link #perform} at most once. If {@code perform} returned normally, or
 * threw after it may have changed something, the runner later calls {@link #cleanup} exactly
 * once, in reverse order of the performed steps, whether the run succeeds, fails or is
 * interrupted. Steps are used from one thread at a time.
 *
 * <p><b>What exists is journaled.</b> Before {@code perform} creates anything that outlives it (a
 * snapshot, clone, mount, scratch directory, temporary file), it records an {@link Undo} through
 * {@link RunContext#undo()}; its cleanup removes the resource (preferably by
 * {@link UndoLog#undo}, which carries out exactly the recorded actions) and so closes the record.
 * Child processes are journaled by the runner itself. A run killed by SIGKILL leaves the open
 * records behind, and the next run carries them out, newest first, without this step: so the
 * record must hold everything needed to remove the resource (no secrets, no state in memory).
 * The testkit's {@code StepCrashContract} kills a run during every step of a provider and checks
 * that the next run leaves nothing behind.
 *
 * <p>A step must never run a shell, log a secret, or touch another volume than its own. Every
 * external program goes through {@link RunContext#runner()}. In a dry run the runner records
 * commands instead of running them; a step that does work in Java (writing a file, hashing a
 * tree) must check {@link RunContext#dryRun()} and only describe that work.
 *
 * @since 0.1
 */
public interface Step {

    /**
     * The phase this step belongs to: the planner runs the steps of all volumes phase by phase.
     *
     * @return the phase; constant, never null
     */
    Phase phase();

    /**
     * The volume this step works on, as events and results name it.
     *
     * @return the volume's configured name; constant, never null
     */
    String volume();

    /**
     * One line saying what the step does, for the plan, dry runs and events.
     *
     * @return e.g. {@code snapshot vg0/root as vg0/root_snap}; never null
     */
    String describe();

    /**
     * What this step touches that another run must not use at the same time (a ZFS dataset, a
     * clone, a borg repository, a destination directory), as {@code kind:identity} strings, e.g.
     * {@code zfs:tank/snaps/home}. A run holds a lock on each for its whole length, so two
     * configurations that share one exclude each other. Constant; default none.
     *
     * @return the resources; never null, possibly empty
     * @since 0.2
     */
    default java.util.List<String> resources() {
        return java.util.List.of();
    }

    /**
     * Checks, before the run changes anything, what would make {@link #perform} fail: programs,
     * repositories, destinations, datasets. Must change nothing (use
     * {@link RunContext#queryRunner()}, which runs read-only commands also in a dry run). Every
     * step of a plan is checked and all problems are reported at once; the run then does not
     * start. Default none.
     *
     * @param context never null
     * @return never null, empty when nothing is wrong
     * @since 0.2
     */
    default java.util.List<PreflightProblem> preflight(RunContext context) {
        return java.util.List.of();
    }

    /**
     * Does the work: journals an {@link Undo} before creating anything that outlives the step,
     * then creates it. In a dry run, only describes the work.
     *
     * @param context the run's runner, journal, listener and logger; never null
     * @throws RdumpException when the step failed; the run then stops and cleans up
     */
    void perform(RunContext context);

    /**
     * Undoes what {@link #perform} set up (unmount, remove a snapshot, destroy a clone). Must be
     * idempotent and must succeed when {@code perform} failed half way or did nothing. The
     * default does nothing, for steps that leave nothing to undo.
     *
     * @param context the run's context; never null
     * @throws RdumpException when the cleanup failed; the runner logs it and goes on with the
     *     other cleanups
     */
    default void cleanup(RunContext context) {
    }
}
