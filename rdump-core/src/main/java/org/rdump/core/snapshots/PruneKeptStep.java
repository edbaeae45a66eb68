package org.rdump.core.snapshots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;
import org.rdump.api.support.prune.PruneSettings;
import org.rdump.api.support.prune.SnapshotName;

/**
 * VERIFY ({@code keep: true} with {@code prune:}), after the keep step: deletes the volume's kept
 * snapshots ({@code SNAPSHOT-NNNN-YYYYMMDDHHMM}, as {@link SnapshotProvider#list(String,
 * org.rdump.api.Settings, RunContext)} finds them) that the policy does not keep, oldest first.
 * The newest kept snapshot always stays, and so does every snapshot outside the scheme (the run's
 * own, anything else in the directory). Each deletion is journaled first with
 * {@link SnapshotProvider#keptRemoval}, so a run killed while deleting has the next run finish
 * that deletion and nothing else; a deletion that fails is a warning (pruning never fails a
 * backup) and closes its record, the snapshot being intact. In a dry run the listing is real, the
 * run's own kept snapshot (not made) is counted, and each deletion is reported as
 * {@code would delete}. Nothing to clean up.
 */
final class PruneKeptStep implements Step {
    private final SnapshotVolume volume;
    private final SnapshotProvider provider;
    private final PruneSettings prune;
    private final KeptSnapshot kept;

    PruneKeptStep(SnapshotVolume volume, SnapshotProvider provider, PruneSettings prune, KeptSnapshot kept) {
        this.volume = volume;
        this.provider = provider;
        this.prune = prune;
        this.kept = kept;
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return volume.name();
    }

    @Override
    public String describe() {
        return "prune the kept snapshots of " + volume.volume() + " (" + prune.describe() + "; the newest stays)";
    }

    /** {@code snapshot:PROVIDER:VOLUME}, as the snapshot step. */
    @Override
    public List<String> resources() {
        return List.of("snapshot:" + provider.id() + ":" + volume.volume());
    }

    @Override
    public void perform(RunContext context) {
        Map<String, SnapshotRef> refs = new LinkedHashMap<>();
        try {
            for (SnapshotRef r : provider.list(volume.volume(), volume.settings(), context)) {
                refs.put(r.name(), r);
            }
        } catch (RdumpException e) {
            if (!context.dryRun()) {
                throw e;
            }
            context.listener().onEvent(new RunEvent.DryRun("      (cannot plan the pruning now: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + ")"));
            return;
        }
        List<String> names = new ArrayList<>(refs.keySet());
        if (context.dryRun()) {
            kept.get().filter(n -> !names.contains(n)).ifPresent(names::add);
        }
        PrunePlan plan = plan(volume.volume(), volume.keptPrefix(), prune.policy(), names);
        for (String name : plan.destroy()) {
            SnapshotRef ref = refs.get(name);
            if (ref == null) {
                continue; // the dry run's own kept snapshot; the newest, so never here
            }
            if (context.dryRun()) {
                context.listener().onEvent(new RunEvent.DryRun("would delete kept snapshot " + ref.device()));
                continue;
            }
            Undo undo = new Undo("kept-snapshot", provider.id() + ":" + volume.volume() + "@" + name, volume.name(),
                    provider.keptRemoval(volume.volume(), name, volume.settings()));
            context.undo().record(undo);
            try {
                provider.remove(ref, context);
                context.listener().onEvent(new RunEvent.Report(volume.name(), "pruned kept snapshot " + ref.device()));
            } catch (RdumpException e) {
                context.listener().onEvent(new RunEvent.Warning(volume.name(), "cannot prune kept snapshot "
                        + ref.device() + ": " + e.getMessage()));
            }
            context.undo().done(undo);
        }
    }

    /**
     * What pruning keeps and deletes: of {@code names} (any names, any order), only those of the
     * scheme {@code prefix}NNNN-YYYYMMDDHHMM are ever deleted; by number, the newest of them and
     * those {@code policy} keeps stay. Pure.
     *
     * @return the plan, each list by number (names outside the scheme first, in the given order)
     */
    static PrunePlan plan(String volume, String prefix, PrunePolicy policy, List<String> names) {
        List<SnapshotName> scheme = new ArrayList<>();
        Map<SnapshotName, String> original = new HashMap<>();
        List<String> keep = new ArrayList<>();
        for (String n : names) {
            Optional<SnapshotName> parsed = SnapshotName.parse(prefix, n);
            if (parsed.isPresent() && original.putIfAbsent(parsed.get(), n) == null) {
                scheme.add(parsed.get());
            } else {
                keep.add(n);
            }
        }
        scheme.sort(Comparator.comparingInt(SnapshotName::number).thenComparing(SnapshotName::time));
        Set<SnapshotName> stays = new HashSet<>(policy.keep(scheme));
        if (!scheme.isEmpty()) {
            stays.add(scheme.get(scheme.size() - 1));
        }
        List<String> destroy = new ArrayList<>();
        for (SnapshotName s : scheme) {
            (stays.contains(s) ? keep : destroy).add(original.get(s));
        }
        return new PrunePlan(volume, keep, destroy);
    }
}
