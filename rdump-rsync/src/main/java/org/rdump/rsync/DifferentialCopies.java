package org.rdump.rsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.rdump.api.command.CommandResult;

/**
 * Differential mode ({@code mode: differential}, local dest only). A volume's directory holds
 * full dated copies {@code <stamp>/} (as versioned mode makes them, hard-linked to the previous
 * full copy) and differential copies {@code <stamp>.diff/}, each holding
 * <ul>
 * <li>{@code tree/}: only the paths that differ from the full copy (with their parent
 *     directories), and every link of a hard-link group one of whose links changed; its root
 *     directory has the attributes of the source's root;
 * <li>{@code base}: the stamp of that full copy; {@code position}: how many runs after it this one is;
 * <li>{@code changed.nul}, {@code deleted.nul}: the paths copied, and those the source no longer
 *     has, NUL-separated raw names relative to the tree's root.
 * </ul>
 * A run makes a full copy when there is none, or when {@code full_every - 1} differential copies
 * were made since the newest full one. A differential copy is built in
 * {@code <stamp>.diff.partial/} (journaled: a killed run's is deleted by recovery or by the next
 * run) and renamed when complete, so only a finished copy is ever counted.
 *
 * <p>The change list comes from a dry run ({@code rsync -n -i}) against the full copy rather
 * than from {@code --compare-dest}: rsync 3.2.7 with {@code -H --compare-dest} hangs when a new
 * hard link is added to an unchanged file. A restore copies the full copy, deletes
 * {@code deleted.nul}'s paths, then lays {@code tree/} over it.
 */
final class DifferentialCopies {
    private final RsyncSettings s;
    private final CopyLayout layout;
    private final CopyStore store;

    DifferentialCopies(RsyncSettings s, CopyLayout layout) {
        this.s = s;
        this.layout = layout;
        this.store = s.store();
    }

    /** The full copy {@code stamp} belongs to: itself for a full copy, the base of a differential one. */
    Optional<String> baseOf(String stamp, RunContext context) {
        if (layout.completeCopies(store, context).contains(stamp)) {
            return Optional.of(stamp);
        }
        if (!layout.diffCopies(store, context).contains(stamp)) {
            return Optional.empty();
        }
        return store.read(layout.diff(stamp).resolve("base"), context).map(String::trim);
    }

    /** True when this run makes a full copy. */
    boolean nextIsFull(RunContext context) {
        List<String> fulls = layout.completeCopies(store, context);
        if (fulls.isEmpty()) {
            return true;
        }
        return position(fulls.get(fulls.size() - 1), context) >= s.fullEvery() - 1;
    }

    /**
     * How many runs after its full copy the newest copy made since {@code full} is (0: none since):
     * read from that copy's {@code position} file, so that pruning a differential copy does not
     * stretch the chain.
     */
    private int position(String full, RunContext context) {
        List<String> since = layout.diffCopies(store, context).stream().filter(d -> d.compareTo(full) > 0).toList();
        if (since.isEmpty()) {
            return 0;
        }
        String newest = since.get(since.size() - 1);
        String text = store.read(layout.diff(newest).resolve("position"), context).map(String::trim).orElse("");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return since.size();
        }
    }

    /** One backup: a full copy made by {@code full}, or a differential copy against the newest full one. */
    BackupResult backup(BackupRequest request, String stamp, RunContext context, Supplier<BackupResult> full,
                        Outcomes outcomes) {
        removeLeftovers(context);
        if (layout.diffCopies(store, context).contains(stamp) || layout.completeCopies(store, context).contains(stamp)) {
            throw new RdumpException("rsync backup of volume '" + request.volume() + "': a copy with run stamp "
                    + stamp + " already exists in " + store.display(layout.volumeDir())
                    + "; every run needs its own run stamp");
        }
        if (nextIsFull(context)) {
            BackupResult r = full.get();
            Map<String, String> details = new LinkedHashMap<>(r.archive().details());
            details.put("kind", "full");
            return new BackupResult(new ArchiveInfo(r.archive().id(), r.archive().volume(), r.archive().time(),
                    details), r.files(), r.bytes(), r.warnings(), r.counted());
        }
        List<String> fulls = layout.completeCopies(store, context);
        String base = fulls.get(fulls.size() - 1);
        Path partial = layout.diffPartial(stamp);
        Path copy = layout.diff(stamp);
        RsyncBackupTool.Outcome o;
        if (context.dryRun()) {
            outcomes.run(RsyncCommands.changes(s, request.source(), layout.copy(base)), request.volume(), context);
            o = outcomes.run(RsyncCommands.listed(s, request.source(), partial.resolve("changed.nul"),
                    partial.resolve("tree")), request.volume(), context);
        } else {
            Undo undo = context.undo().record(Undo.of("rsync-partial", partial.toString(), request.volume(),
                    new UndoAction.Delete(partial)));
            CopyLayout.mkdirs(partial.resolve("tree"));
            CommandResult dry = outcomes.query(RsyncCommands.changes(s, request.source(), layout.copy(base)),
                    context);
            ItemizedChanges changes = ItemizedChanges.parse(dry.stdout());
            List<byte[]> changed = withHardLinkGroups(changes.changed(), request.source(), partial, context);
            write(partial.resolve("changed.nul"), ItemizedChanges.nulList(changed));
            write(partial.resolve("deleted.nul"), ItemizedChanges.nulList(changes.deleted()));
            write(partial.resolve("base"), (base + "\n").getBytes(StandardCharsets.US_ASCII));
            write(partial.resolve("position"), (position(base, context) + 1 + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o = outcomes.run(RsyncCommands.listed(s, request.source(), partial.resolve("changed.nul"),
                    partial.resolve("tree")), request.volume(), context);
            outcomes.query(RsyncCommands.rootAttributes(s, request.source(), partial.resolve("tree")), context);
            try {
                store.rename(partial, copy, context);
            } catch (RdumpException e) {
                throw new RdumpException("rsync finished but " + partial + " could not be renamed to " + copy + ": "
                        + e.getMessage(), e);
            }
            context.undo().done(undo);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", copy.toString());
        details.put("kind", "differential");
        details.put("base", base);
        return new BackupResult(new ArchiveInfo(stamp, request.volume(), CopyLayout.time(stamp), details), o.files(),
                o.bytes(), o.warnings(), BackupResult.Counted.TRANSFERRED);
    }

    /** Runs rsync commands the way the tool does (progress, exit codes). */
    interface Outcomes {
        RsyncBackupTool.Outcome run(org.rdump.api.command.Command command, String volume, RunContext context);

        /** Runs a read-only command (its output is wanted) and returns its result. */
        CommandResult query(org.rdump.api.command.Command command, RunContext context);
    }

    /** Adds every link of each hard-link group (regular files) one of whose links is listed. */
    private List<byte[]> withHardLinkGroups(List<byte[]> changed, Path source, Path partial, RunContext context) {
        Path links = partial.resolve("links.tmp");
        context.runner().run(RsyncCommands.hardLinks(source, links));
        List<byte[]> records;
        try {
            records = ItemizedChanges.fromNulList(Files.readAllBytes(links));
            Files.delete(links);
        } catch (IOException e) {
            throw new RdumpException("cannot read the hard-link list " + links + ": " + e, e);
        }
        Map<String, List<byte[]>> groups = new HashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        for (byte[] r : records) {
            int space = indexOf(r, (byte) ' ');
            String inode = new String(r, 0, space, StandardCharsets.US_ASCII);
            byte[] path = java.util.Arrays.copyOfRange(r, space + 1, r.length);
            groups.computeIfAbsent(inode, k -> new ArrayList<>()).add(path);
            groupOf.put(key(path), inode);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<byte[]> out = new ArrayList<>();
        // never the root: with --dirs, "." would bring every entry of the root directory; its attributes are
        // copied apart (RsyncCommands.rootAttributes)
        seen.add(".");
        for (byte[] p : changed) {
            if (seen.add(key(p))) {
                out.add(p);
            }
            String g = groupOf.get(key(p));
            if (g != null) {
                for (byte[] member : groups.get(g)) {
                    if (seen.add(key(member))) {
                        out.add(member);
                    }
                }
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        throw new RdumpException("malformed hard-link record from find: no space in "
                + new String(b, StandardCharsets.ISO_8859_1));
    }

    private static String key(byte[] path) {
        return new String(path, StandardCharsets.ISO_8859_1);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new RdumpException("cannot write " + file + ": " + e, e);
        }
    }

    /** Deletes what a killed run or prune left ({@code .diff.partial}, {@code .deleting}); never a counted copy. */
    void removeLeftovers(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        for (String name : layout.leftovers(store, context)) {
            store.deleteTree(layout.volumeDir().resolve(name), context);
            context.logger("rdump.rsync").info("deleted {}, left by an unfinished run",
                    layout.volumeDir().resolve(name));
        }
    }

    /** Every copy, full and differential, oldest first. */
    List<ArchiveInfo> list(String volume, RunContext context) {
        TreeMap<String, ArchiveInfo> all = new TreeMap<>();
        for (String st : layout.completeCopies(store, context)) {
            all.put(st, new ArchiveInfo(st, volume, CopyLayout.time(st),
                    Map.of("path", layout.copy(st).toString(), "kind", "full")));
        }
        for (String st : layout.diffCopies(store, context)) {
            String base = store.read(layout.diff(st).resolve("base"), context).map(String::trim).orElse("");
            all.put(st, new ArchiveInfo(st, volume, CopyLayout.time(st),
                    Map.of("path", layout.diff(st).toString(), "kind", "differential", "base", base)));
        }
        return List.copyOf(all.values());
    }

    /** True when {@code stamp} is a finished differential copy (a restore composes it). */
    boolean isDifferential(String stamp, RunContext context) {
        return layout.diffCopies(store, context).contains(stamp);
    }

    /**
     * Composes differential copy {@code stamp} into {@code into}: its full copy, minus the deleted
     * paths, with its tree laid over.
     */
    void compose(String stamp, Path into, RunContext context, Runner restoreRunner) {
        Path diff = layout.diff(stamp);
        String base = baseOf(stamp, context).orElseThrow();
        if (!CopyLayout.isStamp(base) || !layout.completeCopies(store, context).contains(base)) {
            throw new RdumpException("the differential copy " + diff + " needs the full copy '" + base
                    + "', which is not in " + layout.volumeDir() + "; it cannot be restored");
        }
        byte[] deleted;
        try {
            deleted = context.dryRun() && !Files.exists(diff) ? new byte[0]
                    : Files.readAllBytes(diff.resolve("deleted.nul"));
        } catch (IOException e) {
            throw new RdumpException("cannot read " + diff.resolve("deleted.nul") + ": " + e, e);
        }
        ItemizedChanges.fromNulList(deleted);
        if (!context.dryRun()) {
            CopyLayout.mkdirs(into);
        }
        restoreRunner.run(RsyncCommands.restore(s, layout.copy(base), List.of(), into), context);
        if (deleted.length > 0) {
            restoreRunner.run(RsyncCommands.deleteListed(into, deleted), context);
        }
        restoreRunner.run(RsyncCommands.overlay(s, diff.resolve("tree"), into), context);
    }

    /** Runs a restore command (exit codes mapped as the tool does). */
    interface Runner {
        void run(org.rdump.api.command.Command command, RunContext context);
    }

    /**
     * Deletes copies beyond {@code keep} (full and differential counted alike, newest kept), but
     * never a full copy that a kept differential copy needs; protected copies stay with their
     * full copy. Each is renamed to {@code .deleting} (journaled) before it is deleted, and
     * differential copies go before the full ones, so a killed prune leaves whole chains.
     */
    void prune(String volume, PruneProtection protection, RunContext context) {
        List<ArchiveInfo> all = list(volume, context);
        if (protection.skipReason().isPresent()) {
            context.listener().onEvent(new RunEvent.Report(volume, "rsync: pruned nothing: "
                    + protection.skipReason().get()));
            return;
        }
        Set<String> keep = new LinkedHashSet<>();
        for (ArchiveInfo a : all.subList(Math.max(0, all.size() - s.keep()), all.size())) {
            keep.add(a.id());
        }
        Map<String, String> why = new HashMap<>();
        for (ArchiveInfo a : protection.protectedAmong(all)) {
            if (keep.add(a.id())) {
                why.put(a.id(), "it is the newest copy before a guard failure of the volume");
            }
        }
        for (ArchiveInfo a : all) {
            Optional<PruneProtection.Kept> proven = protection.keptFor(a.time());
            if (proven.isPresent() && keep.add(a.id())) {
                why.put(a.id(), proven.get().describe());
            }
        }
        for (ArchiveInfo a : all) {
            if (keep.contains(a.id()) && "differential".equals(a.details().get("kind"))) {
                String base = a.details().get("base");
                if (keep.add(base)) {
                    why.put(base, "the kept differential copy " + a.id() + " needs it");
                }
            }
        }
        List<ArchiveInfo> order = new ArrayList<>(all.stream().filter(a -> !"full".equals(a.details().get("kind")))
                .toList());
        order.addAll(all.stream().filter(a -> "full".equals(a.details().get("kind"))).toList());
        for (ArchiveInfo a : order) {
            String p = a.details().get("path");
            if (keep.contains(a.id())) {
                if (why.containsKey(a.id())) {
                    context.listener().onEvent(new RunEvent.Report(volume, "rsync: kept the " + a.details().get("kind")
                            + " copy " + p + " beyond keep: " + s.keep() + ": " + why.get(a.id())));
                }
                continue;
            }
            if (context.dryRun()) {
                context.listener().onEvent(new RunEvent.DryRun("delete the " + a.details().get("kind") + " copy " + p));
                continue;
            }
            store.deleteJournaled(Path.of(p), volume, context);
            context.listener().onEvent(new RunEvent.Report(volume, "rsync: deleted the " + a.details().get("kind")
                    + " copy " + p + " (keep: " + s.keep() + ")"));
        }
    }
}
