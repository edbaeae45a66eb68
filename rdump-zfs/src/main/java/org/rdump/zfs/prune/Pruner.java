package org.rdump.zfs.prune;

import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;
import org.rdump.api.support.prune.SnapshotName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsRow;

/**
 * Prunes one dataset's snapshots of a naming scheme. {@link #plan} is pure; {@link #prune} runs
 * {@code zfs destroy} oldest first (or, in a dry run, reports each as {@code would destroy}).
 *
 * <p>The scheme is {@code <prefix>NNNN-YYYYMMDDHHMM} ({@link SnapshotName}); a snapshot named
 * {@code <scheme name>-rsure} (the zfs-volumes strategy's manifest snapshot) is a companion of its
 * base and goes exactly when the base goes.
 *
 * <p>Never destroyed: the newest snapshot (and the newest of the scheme, with its companion),
 * snapshots outside the naming scheme, protected names (e.g. the newest snapshot a replication
 * destination shares with this dataset, which the next incremental send starts from), and
 * snapshots with a hold ({@code zfs hold}, as replication places on that same snapshot). Immutable
 * and thread-safe.
 *
 * @param prefix the naming scheme's prefix
 * @param policy what to keep
 * @since 0.1
 */
public record Pruner(String prefix, PrunePolicy policy) {
    /** The suffix of a companion snapshot, which shares its base's fate. */
    public static final String COMPANION = "-rsure";

    public Pruner {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param snapshots the dataset's snapshot short names, oldest first (any names)
     * @param protectedNames short names that must stay (protecting a base protects its companion)
     */
    public PrunePlan plan(String dataset, List<String> snapshots, Set<String> protectedNames) {
        List<SnapshotName> scheme = new ArrayList<>();
        Map<String, SnapshotName> parsed = new HashMap<>();
        for (String s : snapshots) {
            Optional<SnapshotName> n = SnapshotName.parse(prefix, s);
            if (n.isPresent()) {
                scheme.add(n.get());
                parsed.put(s, n.get());
            }
        }
        Set<SnapshotName> keep = new HashSet<>(policy.keep(scheme));
        if (!scheme.isEmpty()) {
            keep.add(scheme.get(scheme.size() - 1));
        }
        String newest = snapshots.isEmpty() ? "" : snapshots.get(snapshots.size() - 1);
        List<String> kept = new ArrayList<>();
        List<String> destroy = new ArrayList<>();
        for (String s : snapshots) {
            String base = s.endsWith(COMPANION) && parsed.containsKey(s.substring(0, s.length() - COMPANION.length()))
                    ? s.substring(0, s.length() - COMPANION.length()) : s;
            SnapshotName n = parsed.get(base);
            boolean stays = n == null || keep.contains(n) || s.equals(newest) || base.equals(baseOf(newest, parsed))
                    || protectedNames.contains(s) || protectedNames.contains(base);
            (stays ? kept : destroy).add(s);
        }
        return new PrunePlan(dataset, kept, destroy);
    }

    private static String baseOf(String name, Map<String, SnapshotName> parsed) {
        if (name.endsWith(COMPANION) && parsed.containsKey(name.substring(0, name.length() - COMPANION.length()))) {
            return name.substring(0, name.length() - COMPANION.length());
        }
        return name;
    }

    /**
     * Lists, plans and destroys (or reports, when {@code dryRun}), with nothing pending and the
     * same client for listing and destroying.
     *
     * @return the plan that was carried out
     */
    public PrunePlan prune(ZfsClient zfs, String dataset, Set<String> protectedNames, boolean dryRun,
                           RunListener listener) {
        return prune(zfs, zfs, dataset, protectedNames, List.of(), dryRun, listener);
    }

    /**
     * Lists the dataset's snapshots and holds through {@code query}, plans, then destroys through
     * {@code act} oldest first (companions with their base), or in a dry run reports each as
     * {@code would destroy DS@NAME}. A destroy that fails (a clone depends on the snapshot, a
     * hold appeared) is reported as a warning and the others go on: pruning is housekeeping and
     * never fails a backup.
     *
     * @param pending snapshots this run will have taken by then but which do not exist yet (a dry
     *     run), appended to the listing so that the plan matches the real run's
     * @return the plan (its {@code destroy} list includes destroys that failed)
     */
    public PrunePlan prune(ZfsClient query, ZfsClient act, String dataset, Set<String> protectedNames,
                           List<String> pending, boolean dryRun, RunListener listener) {
        List<String> names = new ArrayList<>(query.listSnapshots(dataset, false).stream().map(ZfsRow::snapshot)
                .flatMap(Optional::stream).toList());
        pending.stream().filter(p -> !names.contains(p)).forEach(names::add);
        Set<String> keep = new HashSet<>(protectedNames);
        keep.addAll(query.heldSnapshots(dataset));
        PrunePlan plan = plan(dataset, names, keep);
        for (String s : plan.destroy()) {
            String full = dataset + "@" + s;
            if (dryRun) {
                listener.onEvent(new RunEvent.DryRun("would destroy " + full));
                continue;
            }
            try {
                act.destroy(full);
                listener.onEvent(new RunEvent.Report(dataset, "pruned " + full));
            } catch (RdumpException e) {
                listener.onEvent(new RunEvent.Warning(dataset, "cannot prune " + full + ": " + e.getMessage()));
            }
        }
        return plan;
    }
}
