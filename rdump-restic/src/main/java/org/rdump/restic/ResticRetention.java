package org.rdump.restic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.PruneProtection;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;

/**
 * A volume's retention in one restic repository: {@code restic forget} with the instance's
 * {@code keep_*} rules over the volume's snapshots only (one group: {@code --group-by ''}), with
 * {@code --prune} unless {@code prune: false}. What {@link PruneProtection} names is found
 * among what the rules would forget with {@code forget --dry-run --json}, as the borg plugin
 * does with {@code borg prune --dry-run}. Stateless.
 */
final class ResticRetention {
    private ResticRetention() {
    }

    /**
     * Applies the rules. A snapshot kept for a guard failure that the rules would forget stops
     * the whole run of retention with a warning (forgetting the others could remove what a rule
     * would have kept instead); one kept as proven restorable stays while every other snapshot
     * the rules would forget is forgotten by id ({@code restic forget [--prune] ID...}).
     */
    static void apply(ResticBackupTool tool, ToolTarget target, String volume, PruneProtection protection,
                      RunContext context) {
        ResticSettings s = ResticSettings.from(target.settings());
        Optional<Command> forget = ResticCommands.forget(s, volume, false);
        if (forget.isEmpty()) {
            return;
        }
        boolean guarded = !protection.keepNewestBefore().isEmpty();
        if (guarded || !protection.kept().isEmpty()) {
            List<ArchiveInfo> all = tool.list(target, volume, context);
            List<ArchiveInfo> would = wouldForget(s, target, volume, all, context);
            if (guarded) {
                List<String> hit = protection.protectedAmong(all).stream().filter(would::contains)
                        .map(a -> a.id() + " (" + a.stamp() + ")").toList();
                if (!hit.isEmpty()) {
                    context.listener().onEvent(new RunEvent.Warning(volume, "restic '" + target.name()
                            + "': forget skipped: it would forget " + String.join(", ", hit) + ", the newest"
                            + " snapshot before a guard failure of volume '" + volume + "'; it forgets again once a"
                            + " backup of the volume has passed every guard"));
                    return;
                }
            }
            if (would.stream().anyMatch(a -> protection.keptFor(a.time()).isPresent())) {
                forgetAround(s, target, volume, would, protection, context);
                return;
            }
        }
        new ResticRun(s, target, volume, context).run(forget.get(), "forget");
    }

    /** The snapshots of {@code all} that {@code restic forget --dry-run} says the rules would forget. */
    private static List<ArchiveInfo> wouldForget(ResticSettings s, ToolTarget target, String volume,
                                                 List<ArchiveInfo> all, RunContext context) {
        CommandResult r = new ResticRun(s, target, volume, context)
                .query(ResticCommands.forget(s, volume, true).orElseThrow(), "forget --dry-run");
        List<String> ids;
        try {
            ids = ResticJsonParser.wouldRemove(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new org.rdump.api.RdumpException("cannot read what restic forget --dry-run of restic tool '"
                    + target.name() + "' would forget: " + e.getMessage(), e);
        }
        return all.stream().filter(a -> ids.contains(a.details().get("id"))).toList();
    }

    private static void forgetAround(ResticSettings s, ToolTarget target, String volume, List<ArchiveInfo> would,
                                     PruneProtection protection, RunContext context) {
        Map<String, ArchiveInfo> gone = new LinkedHashMap<>();
        for (ArchiveInfo a : would) {
            Optional<PruneProtection.Kept> kept = protection.keptFor(a.time());
            if (kept.isPresent()) {
                String line = "restic '" + target.name() + "': " + kept.get().describe() + " (snapshot " + a.id()
                        + ", which the keep_* rules would forget)";
                context.listener().onEvent(context.dryRun() ? new RunEvent.DryRun(line) : new RunEvent.Report(volume, line));
            } else {
                gone.put(a.details().getOrDefault("id", a.id()), a);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        new ResticRun(s, target, volume, context).run(ResticCommands.forgetIds(s, List.copyOf(gone.keySet())),
                "forget " + String.join(" ", gone.values().stream().map(ArchiveInfo::id).toList()));
        if (!context.dryRun()) {
            for (ArchiveInfo a : gone.values()) {
                context.listener().onEvent(new RunEvent.Report(volume, "restic '" + target.name() + "': forgot"
                        + " snapshot " + a.id() + " (" + a.stamp() + ", keep_* rules)"));
            }
        }
    }
}
