package org.rdump.core.plan;

import org.rdump.api.BackupTool;
import org.rdump.api.Phase;
import org.rdump.api.PruneProtection;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.core.guard.GuardState;

/**
 * BACKUP, after the volume's backup to one tool instance succeeded: applies that instance's
 * retention settings ({@code keep}, {@code keep_daily}...). Never runs after a failed backup or
 * guard of its volume, because the runner skips the rest of a failed volume: a run that made no
 * new backup deletes none. While a guard failure of the volume is recorded ({@link GuardState}),
 * the tool is told to keep the newest backup made before it. With {@code keep_verified} (the
 * default) the tool is also told to keep the newest backup the ledger holds as proven
 * restorable; when the ledger cannot be read, nothing is pruned and a warning says why.
 */
final class PruneStep implements Step {
    /** The tool-instance key that turns off keeping the proven backup. */
    static final String KEEP_VERIFIED = "keep_verified";

    private final String volume;
    private final BackupTool tool;
    private final ToolTarget target;
    private final GuardState guards;
    private final PruneProtection proofs;

    /** @param proofs what {@code keep_verified} protects (read while planning) */
    PruneStep(String volume, BackupTool tool, ToolTarget target, GuardState guards, PruneProtection proofs) {
        this.volume = volume;
        this.tool = tool;
        this.target = target;
        this.guards = guards;
        this.proofs = proofs;
    }

    /** Whether the instance keeps its proven backup ({@code keep_verified}, default true). */
    static boolean keepVerified(ToolTarget target) {
        return target.settings().bool(KEEP_VERIFIED, true);
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
        if (proofs.skipReason().isPresent()) {
            return "apply the retention of '" + target.name() + "' (" + tool.id() + ") to " + volume
                    + ": skipped, " + proofs.skipReason().get();
        }
        return "apply the retention of '" + target.name() + "' (" + tool.id() + ") to " + volume
                + proofs.kept().stream().map(k -> "; it keeps " + org.rdump.api.ArchiveInfo.STAMP.format(k.time())
                        + ", which " + k.reason()).reduce("", String::concat);
    }

    /** The tool instance's {@link BackupTool#resources}. */
    @Override
    public java.util.List<String> resources() {
        return tool.resources(target);
    }

    /** What the tool is told to keep: the guard's protection and the ledger's proof. */
    PruneProtection protection() {
        return guards.protection(volume).and(proofs);
    }

    @Override
    public void perform(RunContext context) {
        PruneProtection p = protection();
        if (p.skipReason().isPresent()) {
            context.listener().onEvent(new RunEvent.Warning(volume, tool.id() + " '" + target.name()
                    + "': prune skipped: " + p.skipReason().get()));
            return;
        }
        tool.prune(target, volume, p, context);
    }
}
