package org.rdump.zfs.prune;

import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.SnapshotName;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.PruneProtection;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsRow;

/**
 * The snapshots of one dataset that {@code keep_verified} keeps: those of the naming scheme whose
 * time (the name's minute in {@code zone}, as {@code rdump list} gives it) is a time the
 * protection keeps. Prints a {@code kept:} line (a dry-run line in a dry run) for each that the
 * policy would otherwise destroy, so the user sees what stayed and why. Stateless.
 */
public final class ProvenSnapshots {
    private ProvenSnapshots() {
    }

    /** The short names of {@code dataset}'s snapshots that {@code protection} keeps, each with why. */
    public static Map<String, PruneProtection.Kept> among(List<String> names, String prefix, ZoneId zone,
                                                          PruneProtection protection) {
        Map<String, PruneProtection.Kept> out = new LinkedHashMap<>();
        for (String n : names) {
            Optional<SnapshotName> parsed = SnapshotName.parse(prefix, n);
            if (parsed.isPresent()) {
                protection.keptFor(parsed.get().time().atZone(zone).toInstant()).ifPresent(k -> out.put(n, k));
            }
        }
        return out;
    }

    /**
     * Lists {@code dataset} through {@code query}, finds the kept snapshots and reports those the
     * policy alone would destroy.
     *
     * @param pending snapshots the run will have taken (a dry run), as {@link Pruner#prune}
     * @return the short names to protect (empty when the protection keeps nothing)
     */
    public static Set<String> protect(Pruner pruner, ZfsClient query, String dataset, List<String> pending,
                                      ZoneId zone, PruneProtection protection, boolean dryRun, String volume,
                                      RunListener listener) {
        if (protection.kept().isEmpty()) {
            return Set.of();
        }
        List<String> names = new ArrayList<>(query.listSnapshots(dataset, false).stream().map(ZfsRow::snapshot)
                .flatMap(Optional::stream).toList());
        pending.stream().filter(p -> !names.contains(p)).forEach(names::add);
        Map<String, PruneProtection.Kept> kept = among(names, pruner.prefix(), zone, protection);
        if (kept.isEmpty()) {
            return Set.of();
        }
        PrunePlan without = pruner.plan(dataset, names, query.heldSnapshots(dataset));
        kept.forEach((name, k) -> {
            if (without.destroy().contains(name)) {
                String line = k.describe() + " (" + dataset + "@" + name + ", which the prune policy would destroy)";
                listener.onEvent(dryRun ? new RunEvent.DryRun(line) : new RunEvent.Report(volume, line));
            }
        });
        return Set.copyOf(kept.keySet());
    }
}
