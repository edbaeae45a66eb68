package org.rdump.core.guard;

import java.util.Objects;
import java.util.Optional;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * BACKUP, the last step of a volume's backups: forgets the volume's recorded guard failure. The
 * runner reaches it only when every guard, backup and prune of the volume succeeded in this run
 * (see {@link GuardState} for why only then). Nothing to clean up; in a dry run it describes.
 */
public final class GuardClearStep implements Step {
    private final VolumeGuards guards;

    public GuardClearStep(VolumeGuards guards) {
        this.guards = Objects.requireNonNull(guards, "guards");
    }

    @Override
    public Phase phase() {
        return Phase.BACKUP;
    }

    @Override
    public String volume() {
        return guards.volume();
    }

    @Override
    public String describe() {
        return "clear the recorded guard failure of " + guards.volume() + ", if any";
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        Optional<GuardState.Failure> f = guards.state().failure(guards.volume());
        if (f.isEmpty()) {
            return;
        }
        guards.state().clear(guards.volume());
        context.listener().onEvent(new RunEvent.Report(guards.volume(), "guards passed: the guard failure of "
                + f.get().at() + " is cleared; from the next run retention no longer keeps the last backup before it"));
    }
}
