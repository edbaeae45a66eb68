package org.rdump.rsync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.support.Sha256;

/**
 * Batch mode ({@code mode: batch}, local dest only): a run makes a full dated copy
 * {@code <stamp>/} (a base) and a reference mirror {@code reference/} equal to it; each later
 * run writes {@code <stamp>.batch/batch} with {@code rsync --only-write-batch} against the
 * reference (the source's changes as one file, to carry to offline media), records its SHA-256
 * in {@code batch.sha256} (sha256sum's format) and its base in {@code base}, then applies the
 * batch to the reference with {@code --read-batch}, so the next batch is relative to this run.
 * A base and the batches made against it are one chain; a run makes a new base (and rebuilds
 * the reference from it) when there is none, or when {@code full_every - 1} batches were made
 * against the newest base.
 *
 * <p>{@code reference.stamp} names the run the reference equals; it is deleted before the
 * reference is changed and written after, so a run killed in between leaves no stamp and the next
 * run rebuilds the reference from the newest base and its batches. A batch is built in
 * {@code <stamp>.batch.partial/} (journaled) and renamed when complete. A restore copies the
 * stamp's base and applies its chain's batches up to the stamp, each checked against its SHA-256
 * first. Pruning deletes whole chains beyond {@code keep} (see {@link #prune}).
 */
final class BatchCopies {
    static final String BATCH = ".batch";
    private final RsyncSettings s;
    private final CopyLayout layout;
    private final CopyStore store;

    BatchCopies(RsyncSettings s, CopyLayout layout) {
        this.s = s;
        this.layout = layout;
        this.store = s.store();
    }

    private Path reference() {
        return layout.volumeDir().resolve("reference");
    }

    private Path referenceStamp() {
        return layout.volumeDir().resolve("reference.stamp");
    }

    private Path batchDir(String stamp) {
        return layout.volumeDir().resolve(stamp + BATCH);
    }

    /** The stamps of the finished batches, oldest first. */
    List<String> batches(RunContext context) {
        return store.directories(layout.volumeDir(), context).stream()
                .filter(n -> n.endsWith(BATCH) && CopyLayout.isStamp(n.substring(0, n.length() - BATCH.length())))
                .map(n -> n.substring(0, n.length() - BATCH.length())).toList();
    }

    /** The base {@code stamp} belongs to: itself for a full copy, the recorded base of a batch. */
    Optional<String> baseOf(String stamp, RunContext context) {
        List<String> fulls = layout.completeCopies(store, context);
        if (fulls.contains(stamp)) {
            return Optional.of(stamp);
        }
        if (!batches(context).contains(stamp)) {
            return Optional.empty();
        }
        Optional<String> recorded = store.read(batchDir(stamp).resolve("base"), context).map(String::trim)
                .filter(CopyLayout::isStamp);
        if (recorded.isPresent()) {
            return recorded;
        }
        // a batch written before bases were recorded: the newest full copy older than it
        return fulls.stream().filter(f -> f.compareTo(stamp) < 0).reduce((a, b) -> b);
    }

    /** The batches made against {@code base}, oldest first. */
    private List<String> chainOf(String base, RunContext context) {
        return batches(context).stream().filter(b -> baseOf(b, context).filter(base::equals).isPresent()).toList();
    }

    private Optional<String> newestBase(RunContext context) {
        List<String> fulls = layout.completeCopies(store, context);
        return fulls.isEmpty() ? Optional.empty() : Optional.of(fulls.get(fulls.size() - 1));
    }

    boolean isBatch(String stamp, RunContext context) {
        return batches(context).contains(stamp);
    }

    BackupResult backup(BackupRequest request, String stamp, RunContext context, Supplier<BackupResult> full,
                        DifferentialCopies.Outcomes outcomes) {
        removeLeftovers(context);
        if (isBatch(stamp, context) || layout.completeCopies(store, context).contains(stamp)) {
            throw new RdumpException("rsync backup of volume '" + request.volume() + "': a copy with run stamp "
                    + stamp + " already exists in " + layout.volumeDir() + "; every run needs its own run stamp");
        }
        Optional<String> base = newestBase(context);
        List<String> chain = base.map(b -> chainOf(b, context)).orElse(List.of());
        if (base.isEmpty() || chain.size() >= s.fullEvery() - 1) {
            BackupResult r = full.get();
            if (!context.dryRun()) {
                rebuildReference(stamp, List.of(), context, outcomes);
            }
            Map<String, String> details = new LinkedHashMap<>(r.archive().details());
            details.put("kind", "full");
            return new BackupResult(new ArchiveInfo(r.archive().id(), r.archive().volume(), r.archive().time(),
                    details), r.files(), r.bytes(), r.warnings(), r.counted());
        }
        String newest = chain.isEmpty() ? base.get() : chain.get(chain.size() - 1);
        Path partial = layout.volumeDir().resolve(stamp + BATCH + CopyLayout.PARTIAL);
        Path copy = batchDir(stamp);
        RsyncBackupTool.Outcome o;
        if (context.dryRun()) {
            o = outcomes.run(RsyncCommands.writeBatch(s, request.source(), reference(), partial.resolve("batch")),
                    request.volume(), context);
        } else {
            if (!store.read(referenceStamp(), context).map(String::trim).orElse("").equals(newest)) {
                rebuildReference(base.get(), chain, context, outcomes);
            }
            Undo undo = context.undo().record(Undo.of("rsync-partial", partial.toString(), request.volume(),
                    new UndoAction.Delete(partial)));
            CopyLayout.mkdirs(partial);
            o = outcomes.run(RsyncCommands.writeBatch(s, request.source(), reference(), partial.resolve("batch")),
                    request.volume(), context);
            store.write(partial.resolve("batch.sha256"), sha256(partial.resolve("batch")) + "  batch\n", context);
            store.write(partial.resolve("base"), base.get() + "\n", context);
            store.rename(partial, copy, context);
            context.undo().done(undo);
            store.deleteFile(referenceStamp(), context);
            outcomes.query(RsyncCommands.readBatch(s, copy.resolve("batch"), reference()), context);
            store.write(referenceStamp(), stamp + "\n", context);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", copy.toString());
        details.put("kind", "batch");
        details.put("base", base.get());
        return new BackupResult(new ArchiveInfo(stamp, request.volume(), CopyLayout.time(stamp), details), o.files(),
                o.bytes(), o.warnings(), BackupResult.Counted.TRANSFERRED);
    }

    /** Makes the reference equal to the base with {@code chain} applied; stamps it. */
    private void rebuildReference(String base, List<String> chain, RunContext context,
                                  DifferentialCopies.Outcomes outcomes) {
        store.deleteFile(referenceStamp(), context);
        store.deleteTree(reference(), context);
        CopyLayout.mkdirs(reference());
        outcomes.query(RsyncCommands.restore(s, layout.copy(base), List.of(), reference()), context);
        String last = base;
        for (String b : chain) {
            apply(b, reference(), context, c -> outcomes.query(c, context));
            last = b;
        }
        store.write(referenceStamp(), last + "\n", context);
    }

    private void apply(String stamp, Path into, RunContext context, java.util.function.Consumer<Command> run) {
        Path batch = batchDir(stamp).resolve("batch");
        String recorded = store.read(batchDir(stamp).resolve("batch.sha256"), context).map(t -> t.split(" ")[0].trim())
                .orElse("");
        String actual = sha256(batch);
        if (!actual.equals(recorded)) {
            throw new RdumpException("the rsync batch " + batch + " has SHA-256 " + actual + ", not the recorded "
                    + (recorded.isEmpty() ? "(missing)" : recorded) + " of " + batchDir(stamp).resolve("batch.sha256")
                    + ": it is damaged; restores of this and later batches cannot be trusted");
        }
        run.accept(RsyncCommands.readBatch(s, batch, into));
    }

    /** Restores batch copy {@code stamp} into {@code into}: its base, then its chain's batches up to it. */
    void compose(String stamp, Path into, RunContext context, DifferentialCopies.Runner runner) {
        String base = baseOf(stamp, context).orElseThrow(() -> new RdumpException("no full copy in "
                + layout.volumeDir() + " for the batch " + stamp));
        if (!layout.completeCopies(store, context).contains(base)) {
            throw new RdumpException("the batch " + batchDir(stamp) + " needs the full copy '" + base
                    + "', which is not in " + layout.volumeDir() + "; it cannot be restored");
        }
        if (!context.dryRun()) {
            CopyLayout.mkdirs(into);
        }
        runner.run(RsyncCommands.restore(s, layout.copy(base), List.of(), into), context);
        for (String b : chainOf(base, context)) {
            if (b.compareTo(stamp) > 0) {
                break;
            }
            if (context.dryRun()) {
                runner.run(RsyncCommands.readBatch(s, batchDir(b).resolve("batch"), into), context);
            } else {
                apply(b, into, context, c -> runner.run(c, context));
            }
        }
    }

    /** Every copy, full and batch, oldest first; a batch's details name its base. */
    List<ArchiveInfo> list(String volume, RunContext context) {
        TreeMap<String, ArchiveInfo> all = new TreeMap<>();
        for (String f : layout.completeCopies(store, context)) {
            all.put(f, new ArchiveInfo(f, volume, CopyLayout.time(f),
                    Map.of("path", layout.copy(f).toString(), "kind", "full")));
        }
        for (String b : batches(context)) {
            all.put(b, new ArchiveInfo(b, volume, CopyLayout.time(b), Map.of("path", batchDir(b).toString(),
                    "kind", "batch", "base", baseOf(b, context).orElse(""))));
        }
        return List.copyOf(all.values());
    }

    /**
     * Deletes whole chains (a base and its batches) beyond the {@code keep} newest chains. The
     * newest chain always stays (the reference belongs to it); a chain holding a copy that
     * {@code protection} names (the newest before a guard failure, or one proven restorable) stays
     * whole, since each batch needs its base and every earlier batch. A chain goes newest batch
     * first and its base last, each renamed to {@code .deleting} (journaled) before it is deleted,
     * so a killed prune leaves a shorter chain whose every copy still restores; the next prune
     * deletes the rest, and the next run the {@code .deleting} leftover.
     */
    void prune(String volume, PruneProtection protection, RunContext context) {
        if (protection.skipReason().isPresent()) {
            context.listener().onEvent(new RunEvent.Report(volume, "rsync: pruned nothing: "
                    + protection.skipReason().get()));
            return;
        }
        List<ArchiveInfo> all = list(volume, context);
        // chains by base, oldest first; a batch whose base is gone is a chain of its own base name
        TreeMap<String, List<ArchiveInfo>> chains = new TreeMap<>();
        for (ArchiveInfo a : all) {
            String base = "full".equals(a.details().get("kind")) ? a.id() : a.details().get("base");
            chains.computeIfAbsent(base == null || base.isEmpty() ? a.id() : base, k -> new ArrayList<>()).add(a);
        }
        List<String> bases = new ArrayList<>(chains.keySet());
        Set<String> keep = new LinkedHashSet<>(bases.subList(Math.max(0, bases.size() - s.keep()), bases.size()));
        Map<String, String> why = new HashMap<>();
        Set<String> guarded = new HashSet<>();
        protection.protectedAmong(all).forEach(a -> guarded.add(a.id()));
        for (Map.Entry<String, List<ArchiveInfo>> c : chains.entrySet()) {
            String chain = "the batch chain of " + layout.copy(c.getKey()) + " (" + c.getValue().size()
                    + (c.getValue().size() == 1 ? " copy" : " copies") + ")";
            for (ArchiveInfo a : c.getValue()) {
                Optional<PruneProtection.Kept> proven = protection.keptFor(a.time());
                String line = guarded.contains(a.id()) ? "rsync: kept " + chain + " beyond keep: " + s.keep()
                        + ": it holds " + a.id() + ", the newest copy before a guard failure of the volume"
                        : proven.map(k -> "rsync: " + k.describe() + " (" + chain + ", beyond keep: " + s.keep()
                        + ")").orElse(null);
                if (line != null && keep.add(c.getKey())) {
                    why.put(c.getKey(), line);
                }
            }
        }
        for (Map.Entry<String, List<ArchiveInfo>> c : chains.entrySet()) {
            String base = c.getKey();
            List<ArchiveInfo> members = c.getValue();
            if (keep.contains(base)) {
                if (why.containsKey(base)) {
                    context.listener().onEvent(context.dryRun() ? new RunEvent.DryRun(why.get(base))
                            : new RunEvent.Report(volume, why.get(base)));
                }
                continue;
            }
            for (int i = members.size() - 1; i >= 0; i--) {
                delete(volume, members.get(i), context);
            }
        }
    }

    private void delete(String volume, ArchiveInfo a, RunContext context) {
        String p = a.details().get("path");
        String kind = "full".equals(a.details().get("kind")) ? "full copy" : "batch";
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("delete the " + kind + " " + p));
            return;
        }
        store.deleteJournaled(Path.of(p), volume, context);
        context.listener().onEvent(new RunEvent.Report(volume, "rsync: deleted the " + kind + " " + p + " (keep: "
                + s.keep() + " chains)"));
    }

    private void removeLeftovers(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        for (String n : store.directories(layout.volumeDir(), context)) {
            if (n.endsWith(BATCH + CopyLayout.PARTIAL) || n.endsWith(CopyLayout.DELETING)) {
                store.deleteTree(layout.volumeDir().resolve(n), context);
                context.logger("rdump.rsync").info("deleted {}, left by an unfinished run or prune",
                        layout.volumeDir().resolve(n));
            }
        }
    }

    static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new RdumpException("cannot read " + file + ": " + e, e);
        }
    }
}
