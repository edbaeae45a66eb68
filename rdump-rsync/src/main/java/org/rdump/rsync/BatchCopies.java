package org.rdump.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;

/**
 * Batch mode ({@code mode: batch}, local dest only): the first run makes a full dated copy
 * {@code <stamp>/} (the base) and a reference mirror {@code reference/} equal to it; each later
 * run writes {@code <stamp>.batch/batch} with {@code rsync --only-write-batch} against the
 * reference (the source's changes as one file, to carry to offline media), records its SHA-256
 * in {@code batch.sha256} (sha256sum's format), then applies the batch to the reference with
 * {@code --read-batch}, so the next batch is relative to this run.
 *
 * <p>{@code reference.stamp} names the run the reference equals; it is deleted before the
 * reference is changed and written after, so a run killed in between leaves no stamp and the next
 * run rebuilds the reference from the base and the batches. A batch is built in
 * {@code <stamp>.batch.partial/} (journaled) and renamed when complete. A restore copies the base
 * and applies the chain of batches up to the stamp, each checked against its SHA-256 first.
 * Pruning is not implemented for this mode: every copy is kept.
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

    private Optional<String> base(RunContext context) {
        List<String> fulls = layout.completeCopies(store, context);
        return fulls.isEmpty() ? Optional.empty() : Optional.of(fulls.get(0));
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
        Optional<String> base = base(context);
        if (base.isEmpty()) {
            BackupResult r = full.get();
            if (!context.dryRun()) {
                rebuildReference(stamp, List.of(), context, outcomes);
            }
            Map<String, String> details = new LinkedHashMap<>(r.archive().details());
            details.put("kind", "full");
            return new BackupResult(new ArchiveInfo(r.archive().id(), r.archive().volume(), r.archive().time(),
                    details), r.files(), r.bytes(), r.warnings(), r.counted());
        }
        List<String> chain = batches(context);
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

    /** Restores batch copy {@code stamp} into {@code into}: the base, then every batch up to it. */
    void compose(String stamp, Path into, RunContext context, DifferentialCopies.Runner runner) {
        String base = base(context).orElseThrow(() -> new RdumpException("no full copy in " + layout.volumeDir()
                + " for the batch " + stamp));
        if (!context.dryRun()) {
            CopyLayout.mkdirs(into);
        }
        runner.run(RsyncCommands.restore(s, layout.copy(base), List.of(), into), context);
        for (String b : batches(context)) {
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

    List<ArchiveInfo> list(String volume, RunContext context) {
        List<ArchiveInfo> out = new ArrayList<>();
        base(context).ifPresent(b -> out.add(new ArchiveInfo(b, volume, CopyLayout.time(b),
                Map.of("path", layout.copy(b).toString(), "kind", "full"))));
        String base = out.isEmpty() ? "" : out.get(0).id();
        for (String b : batches(context)) {
            out.add(new ArchiveInfo(b, volume, CopyLayout.time(b), Map.of("path", batchDir(b).toString(),
                    "kind", "batch", "base", base)));
        }
        return out;
    }

    void prune(String volume, RunContext context) {
        context.listener().onEvent(new RunEvent.Report(volume, "rsync: batch mode keeps every copy (pruning a"
                + " batch chain is not implemented); delete old chains by hand"));
    }

    private void removeLeftovers(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        for (String n : store.directories(layout.volumeDir(), context)) {
            if (n.endsWith(BATCH + CopyLayout.PARTIAL)) {
                store.deleteTree(layout.volumeDir().resolve(n), context);
            }
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new RdumpException("cannot read " + file + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
