package org.rdump.core.hook;

import java.util.List;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.core.run.FinishingStep;

/**
 * PREPARE: one {@code before_backup} command, of the run (before every volume's steps) or of a
 * volume (after its mount-point guard, before its dumps, stamp and snapshot), with
 * {@code RDUMP_STATUS=running}. Its failure fails the volume, whose later steps (dumps, stamp,
 * snapshot, backups, retention) do not run; the run's fails the run, and no volume starts.
 * Creates nothing (its process is journaled by the runner).
 */
final class BeforeHookStep implements Step {
    private final HookCommand hook;

    BeforeHookStep(HookCommand hook) {
        this.hook = hook;
    }

    @Override
    public Phase phase() {
        return Phase.PREPARE;
    }

    @Override
    public String volume() {
        return hook.volume();
    }

    @Override
    public String describe() {
        return hook.describe();
    }

    @Override
    public List<PreflightProblem> preflight(RunContext context) {
        return hook.preflight(context);
    }

    @Override
    public void perform(RunContext context) {
        hook.run(context, "running", FinishingStep.Outcome.SUCCEEDED, hook.ofRun()
                ? "; no volume was written to, snapshotted or backed up"
                : "; nothing of volume '" + hook.volume() + "' was written, snapshotted or backed up, and none of its"
                        + " backups was pruned");
    }
}
