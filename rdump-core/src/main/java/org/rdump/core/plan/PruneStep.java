package org.rdump.core.plan;

import org.rdump.api.BackupTool;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;

/**
 * BACKUP, after the volume's backup to one tool instance succeeded: applies that instance's
 * retention settings ({@code keep}, {@code keep_daily}...). Never runs after a failed backup,
 * because the runner stops at the first failure: a run that made no new backup deletes none.
 */
final class PruneStep implements Step {
    private final String volume;
    private final BackupTool tool;
    private final ToolTarget target;

    PruneStep(String volume, BackupTool tool, ToolTarget target) {
        this.volume = volume;
        this.tool = tool;
        this.target = target;
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
        tool.prune(target, volume, context);
    }
}
