package org.rdump.core.plan;

import org.rdump.api.BackupTool;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.core.guard.GuardState;

/**
 * BACKUP, after the volume's backup to one tool instance succeeded: applies that instance's
 * retention settings ({@code keep}, {@code keep_daily}...). Never runs after a failed backup or
 * guard of its volume, because the runner skips the rest of a failed volume: a run that made no
 * new backup deletes none. While a guard failure of the volume is recorded ({@link GuardState}),
 * the tool is told to keep the newest backup made before it.
 */
final class PruneStep implements Step {
    private final String volume;
    private final BackupTool tool;
    private final ToolTarget target;
    private final GuardState guards;

    PruneStep(String volume, BackupTool tool, ToolTarget target, GuardState guards) {
        this.volume = volume;
        this.tool = tool;
        this.target = target;
        this.guards = guards;
    }

    @Override
    public Phase phase() {
        return Phase.BACKUP;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "apply the retention of '" + target.name() + "' (" + tool.id() + ") to " + volume;
    }

    /** The tool instance's {@link BackupTool#resources}. */
    @Override
    public java.util.List<String> resources() {
        return tool.resources(target);
    }

    @Override
    public void perform(RunContext context) {
        tool.prune(target, volume, guards.protection(volume), context);
    }
}
