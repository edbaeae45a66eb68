package org.rdump.zfs.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsRow;

/**
 * Prunes one dataset's snapshots of a naming scheme. {@link #plan} is pure; {@link #prune} runs
 * {@code zfs destroy} oldest first (or, in a dry run, reports each as {@code would destroy}).
 *
 * <p>Never destroyed: the newest snapshot, snapshots outside the naming scheme, and the
 * protected names (e.g. the newest snapshot a replication destination shares with this
 * dataset, which the next incremental send starts from). Immutable and thread-safe.
 *
 * @param prefix the naming scheme's prefix
 * @param policy what to keep
 * @since 0.1
 */
public record Pruner(String prefix, PrunePolicy policy) {
    public Pruner {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param snapshots the dataset's snapshot short names, oldest first (any names)
     * @param protectedNames short names that must stay
     */
    public PrunePlan plan(String dataset, List<String> snapshots, Set<String> protectedNames) {
        List<SnapshotName> scheme = new ArrayList<>();
        Map<SnapshotName, String> raw = new HashMap<>();
        for (String s : snapshots) {
            Optional<SnapshotName> n = SnapshotName.parse(prefix, s);
            if (n.isPresent()) {
                scheme.add(n.get());
                raw.put(n.get(), s);
            }
        }
        Set<SnapshotName> keep = policy.keep(scheme);
        String newest = snapshots.isEmpty() ? "" : snapshots.get(snapshots.size() - 1);
        List<String> kept = new ArrayList<>();
        List<String> destroy = new ArrayList<>();
        for (String s : snapshots) {
            Optional<SnapshotName> n = SnapshotName.parse(prefix, s);
            boolean stays = n.isEmpty() || keep.contains(n.get()) || s.equals(newest) || protectedNames.contains(s);
            (stays ? kept : destroy).add(s);
        }
        return new PrunePlan(dataset, kept, destroy);
    }

    /**
     * Lists, plans and destroys (or reports, when {@code dryRun}).
     *
     * @return the plan that was carried out
     */
    public PrunePlan prune(ZfsClient zfs, String dataset, Set<String> protectedNames, boolean dryRun,
                           RunListener listener) {
        List<String> names = zfs.listSnapshots(dataset, false).stream().map(ZfsRow::snapshot)
                .flatMap(Optional::stream).toList();
        PrunePlan plan = plan(dataset, names, protectedNames);
        for (String s : plan.destroy()) {
            String full = dataset + "@" + s;
            if (dryRun) {
                listener.onEvent(new RunEvent.DryRun("would destroy " + full));
            } else {
                zfs.destroy(full);
                listener.onEvent(new RunEvent.Report(dataset, "pruned " + full));
            }
        }
        return plan;
    }
}
