package org.rdump.core.hook;

import java.util.List;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.core.run.FinishingStep;

/**
 * FINISH: one {@code after_backup} command (always) or {@code on_error} command (only when its
 * volume, or the run, failed), of a volume or of the run, with the outcome in its environment
 * ({@code RDUMP_STATUS}, {@code RDUMP_ERROR}, {@code RDUMP_FAILED_PHASE}). Runs also after its
 * volume failed (see {@link FinishingStep}); a failure fails the volume (or the run). A dry run
 * shows every command, with a note for {@code on_error}.
 */
final class FinishHookStep implements FinishingStep {
    private final HookCommand hook;

    FinishHookStep(HookCommand hook) {
        this.hook = hook;
    }

    @Override
    public Phase phase() {
        return Phase.FINISH;
    }

    @Override
    public String volume() {
        return hook.volume();
    }

    @Override
    public String describe() {
        return hook.describe() + (onError() ? " (if " + (hook.ofRun() ? "the run" : hook.volume()) + " failed)" : "");
    }

    private boolean onError() {
        return hook.hook().equals("on_error");
    }

    @Override
    public List<PreflightProblem> preflight(RunContext context) {
        return hook.preflight(context);
    }

    @Override
    public void finish(RunContext context, Outcome outcome) {
        if (onError() && !outcome.failed() && !context.dryRun()) {
            context.listener().onEvent(new RunEvent.Report(hook.volume(), "on_error hook not run: "
                    + (hook.ofRun() ? "the run" : hook.volume()) + " " + outcome.status()));
            return;
        }
        hook.run(context, outcome.status(), outcome, "");
    }
}
