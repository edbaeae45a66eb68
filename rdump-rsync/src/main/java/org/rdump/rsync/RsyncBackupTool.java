package org.rdump.rsync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.PreflightProblem;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpApi;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.LineListener;
import org.rdump.api.support.Programs;
import org.rdump.api.support.Trees;

/**
 * rsync as a {@link BackupTool} (id {@code rsync}): keeps a mirror of each volume, dated
 * copies with unchanged files hard-linked to the previous copy, full and differential copies
 * ({@link DifferentialCopies}), or a full copy and rsync batch files ({@link BatchCopies}); see the
 * package description for the layout. Full copies and mirrors on this machine are read in place
 * ({@link RestoredTree#inScratch()} false); the others are fetched or composed in scratch
 * ({@link CopyRestorer}).
 *
 * <p>Exit 24 (files vanished during the copy) is a warning in the result; 23 and 25 are
 * warnings only with {@code tolerate_errors: true}; any other non-zero exit is a
 * {@link CommandFailedException} with rsync's last lines of stderr and what the code means.
 * In a dry run nothing on disk changes. Stateless and thread-safe; one volume must not be backed
 * up by two runs at once (core's lock sees to that).
 *
 * @since 0.1
 */
public final class RsyncBackupTool implements BackupTool {
    /** The archive id of a mirror (there is one per volume). */
    public static final String MIRROR_ID = "mirror";
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;
    private static final int WARNING_TAIL_LINES = 5;

    @Override
    public String id() {
        return "rsync";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "rsync: a mirror of each volume, dated copies hard-linked to the previous one, or full and"
                + " differential copies";
    }

    @Override
    public SettingsSchema schema() {
        return RsyncSettings.SCHEMA;
    }

    /** Reads the settings as a run would: a local dest, the mode, keep from 1 up. */
    @Override
    public void validate(ToolTarget target) {
        RsyncSettings.from(target.settings());
    }

    /** {@code rsync:DEST}: the destination directory's absolute real path. */
    /** Hard links and sparse files (restored with {@code -S}); ACLs and xattrs only with {@code acls_xattrs}. */
    @Override
    public java.util.Set<String> keptMetadata(ToolTarget target) {
        return RsyncSettings.from(target.settings()).aclsXattrs() ? ALL_METADATA
                : java.util.Set.of("hardlinks", "sparse");
    }

    @Override
    public List<String> resources(ToolTarget target) {
        RsyncSettings s = RsyncSettings.from(target.settings());
        return List.of("rsync:" + (s.store().readableInPlace() ? Trees.realPath(s.dest()).toString()
                : s.store().display(s.dest())));
    }

    /**
     * The rsync program is found, and the destination can be written: {@code DEST/<volume>} and
     * {@code DEST} when they exist, else the nearest directory above that a run would create them
     * in.
     */
    @Override
    public List<PreflightProblem> preflight(BackupRequest request, RunContext context) {
        RsyncSettings s = RsyncSettings.from(request.target().settings());
        List<PreflightProblem> out = new java.util.ArrayList<>();
        Programs.check(request.volume(), s.program(), Programs.aptInstall("rsync"), context.queryRunner())
                .ifPresent(out::add);
        String where = "rsync tool '" + request.target().name() + "'";
        String check = "check 'dest' at " + request.target().settings().locate("dest");
        if (s.store() instanceof SshStore ssh) {
            remotePreflight(ssh, s, request, where, context).ifPresent(out::add);
            return out;
        }
        CopyLayout layout = new CopyLayout(s.dest(), request.volume());
        Path existing = layout.volumeDir();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            out.add(new PreflightProblem(request.volume(), "the destination " + s.dest() + " of " + where
                    + " cannot be created: " + existing + " is not a directory; " + check));
        } else if (!Files.isWritable(existing)) {
            String what = existing.equals(layout.volumeDir()) || existing.equals(s.dest()) ? "the destination "
                    + existing + " of " + where + " is not writable"
                    : "the destination " + s.dest() + " of " + where + " does not exist and cannot be created: "
                    + existing + " is not writable";
            out.add(new PreflightProblem(request.volume(), what + " (read-only, immutable, or not permitted); "
                    + check));
        } else if (existing.equals(layout.volumeDir()) && !Files.isWritable(s.dest())) {
            out.add(new PreflightProblem(request.volume(), "the destination " + s.dest() + " of " + where
                    + " is not writable (read-only, immutable, or not permitted); " + check));
        }
        return out;
    }

    /** One read-only command on the host: ssh logs in (keys, host key) and finds rsync there. */
    private static Optional<PreflightProblem> remotePreflight(SshStore ssh, RsyncSettings s, BackupRequest request,
                                                              String where, RunContext context) {
        try {
            context.queryRunner().run(ssh.remote("rsync", "--version"));
            return Optional.empty();
        } catch (RdumpException e) {
            return Optional.of(new PreflightProblem(request.volume(), "the destination " + s.store().display(s.dest())
                    + " of " + where + " cannot be reached, or has no rsync: " + e.getMessage() + "; check 'dest' and"
                    + " 'ssh' at " + request.target().settings().locate("dest") + " (ssh must log in without a"
                    + " prompt and know the host's key)"));
        }
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        RsyncSettings s = RsyncSettings.from(request.target().settings());
        // In a dry run a snapshot's mount point does not exist yet (nothing was mounted): show the commands anyway.
        if (!context.dryRun() && !Files.isDirectory(request.source())) {
            throw new RdumpException("rsync backup of volume '" + request.volume() + "': source "
                    + request.source() + " is not a directory (missing or not mounted); check the volume's"
                    + " mount point or snapshot");
        }
        String stamp = context.runStamp();
        if (!CopyLayout.isStamp(stamp)) {
            throw new IllegalArgumentException("run stamp not in yyyyMMdd'T'HHmmss'Z' form: '" + stamp + "'");
        }
        CopyLayout layout = new CopyLayout(s.dest(), request.volume());
        return switch (s.mode()) {
            case MIRROR -> mirror(s, request, layout, stamp, context);
            case VERSIONED -> dated(s, request, layout, stamp, context);
            case DIFFERENTIAL -> new DifferentialCopies(s, layout).backup(request, stamp, context,
                    () -> dated(s, request, layout, stamp, context), outcomes());
            case BATCH -> new BatchCopies(s, layout).backup(request, stamp, context,
                    () -> dated(s, request, layout, stamp, context), outcomes());
        };
    }

    private DifferentialCopies.Outcomes outcomes() {
        return new DifferentialCopies.Outcomes() {
            @Override
            public Outcome run(Command command, String volume, RunContext context) {
                return RsyncBackupTool.this.run(command, volume, context);
            }

            @Override
            public CommandResult query(Command command, RunContext context) {
                try {
                    return context.runner().run(command);
                } catch (CommandFailedException e) {
                    if (e.exitCode() < 0) {
                        throw e;
                    }
                    throw new CommandFailedException(e.command(), e.exitCode(), e.stderrTail(),
                            RsyncExit.hint(e.exitCode()));
                }
            }
        };
    }

    private BackupResult mirror(RsyncSettings s, BackupRequest request, CopyLayout layout, String stamp,
                                RunContext context) {
        CopyStore store = s.store();
        if (!context.dryRun()) {
            store.mkdirs(layout.volumeDir(), context);
            store.deleteFile(layout.mirrorMarker(), context);
        }
        Outcome o = run(RsyncCommands.mirror(s, request.source(), layout.volumeDir()), request.volume(), context);
        if (!context.dryRun()) {
            store.write(layout.mirrorMarker(), stamp + "\n", context);
        }
        ArchiveInfo info = new ArchiveInfo(MIRROR_ID, request.volume(), stamp, CopyLayout.time(stamp),
                Map.of("path", store.display(layout.volumeDir())));
        return new BackupResult(info, o.files, o.bytes, o.warnings, BackupResult.Counted.TRANSFERRED);
    }

    private BackupResult dated(RsyncSettings s, BackupRequest request, CopyLayout layout, String stamp,
                               RunContext context) {
        CopyStore store = s.store();
        List<String> complete = layout.completeCopies(store, context);
        Path copy = layout.copy(stamp);
        if (complete.contains(stamp)) {
            throw new RdumpException("rsync backup of volume '" + request.volume() + "': the dated copy "
                    + store.display(copy) + " already exists; every run needs its own run stamp");
        }
        Optional<String> previous = complete.isEmpty() ? Optional.empty()
                : Optional.of(complete.get(complete.size() - 1));
        Path partial = layout.partial(stamp);
        if (!context.dryRun()) {
            store.mkdirs(layout.volumeDir(), context);
            reusePartial(store, layout, partial, context);
            store.mkdirs(partial, context);
        }
        Outcome o = run(RsyncCommands.dated(s, request.source(), partial, previous), request.volume(), context);
        if (!context.dryRun()) {
            try {
                store.rename(partial, copy, context);
            } catch (RdumpException e) {
                throw new RdumpException("rsync finished but " + store.display(partial) + " could not be renamed to "
                        + store.display(copy) + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", store.display(copy));
        previous.ifPresent(p -> details.put("linked_to", p));
        ArchiveInfo info = new ArchiveInfo(stamp, request.volume(), CopyLayout.time(stamp), details);
        return new BackupResult(info, o.files, o.bytes, o.warnings, BackupResult.Counted.TRANSFERRED);
    }

    /**
     * Renames the newest unfinished copy of an earlier run to this run's partial directory, so
     * that rsync only fills in what is missing, and deletes any older ones.
     */
    private static void reusePartial(CopyStore store, CopyLayout layout, Path partial, RunContext context) {
        List<String> partials = layout.partialCopies(store, context);
        if (partials.isEmpty()) {
            return;
        }
        Path newest = layout.volumeDir().resolve(partials.get(partials.size() - 1));
        for (String p : partials.subList(0, partials.size() - 1)) {
            store.deleteTree(layout.volumeDir().resolve(p), context);
        }
        if (!newest.equals(partial)) {
            try {
                store.rename(newest, partial, context);
            } catch (RdumpException e) {
                throw new RdumpException("cannot rename the unfinished copy " + store.display(newest) + " to "
                        + store.display(partial) + ": " + e.getMessage(), e);
            }
            context.logger("rdump.rsync").info("continuing the unfinished copy {} as {}", store.display(newest),
                    store.display(partial));
        }
    }

    /** What one rsync run gave: its warnings and, from its last progress line, files and bytes. */
    record Outcome(List<String> warnings, long files, long bytes) { }

    private Outcome run(Command command, String volume, RunContext context) {
        AtomicReference<RsyncProgress> last = new AtomicReference<>();
        AtomicLong lastEvent = new AtomicLong(System.nanoTime() - PROGRESS_INTERVAL_NANOS);
        LineListener progress = line -> RsyncProgressParser.parse(line).ifPresent(p -> {
            last.set(p);
            long now = System.nanoTime();
            long before = lastEvent.get();
            if (now - before >= PROGRESS_INTERVAL_NANOS && lastEvent.compareAndSet(before, now)) {
                context.listener().onEvent(event(volume, p));
            }
        });
        CommandResult result;
        try {
            result = context.runner().run(command, progress, LineListener.NONE);
        } catch (CommandFailedException e) {
            if (e.exitCode() < 0) {
                throw e;
            }
            throw new CommandFailedException(e.command(), e.exitCode(), e.stderrTail(), RsyncExit.hint(e.exitCode()));
        }
        RsyncProgress p = last.get();
        if (p != null) {
            context.listener().onEvent(event(volume, p));
        }
        List<String> warnings = result.exitCode() == 0 ? List.of()
                : List.of(RsyncExit.warning(result.exitCode(), tail(result.stderr())));
        return new Outcome(warnings, p == null ? -1 : p.filesTransferred(), p == null ? -1 : p.bytes());
    }

    private static RunEvent.Progress event(String volume, RsyncProgress p) {
        // files checked of those known so far (rsync finds more as it goes); the percentage is rsync's own
        boolean counts = p.filesTotal() >= 0 && p.filesToCheck() >= 0;
        return new RunEvent.Progress(volume, "rsync", counts ? p.filesTotal() - p.filesToCheck() : 0,
                counts ? p.filesTotal() : -1, p.bytes(), -1, p.bytesPerSecond(), p.time(), p.percent());
    }

    private static String tail(String stderr) {
        List<String> lines = Arrays.stream(stderr.split("\r?\n")).filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - WARNING_TAIL_LINES), lines.size()));
    }

    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        RsyncSettings s = RsyncSettings.from(target.settings());
        CopyLayout layout = new CopyLayout(s.dest(), volume);
        CopyStore store = s.store();
        if (s.mode() == RsyncSettings.Mode.DIFFERENTIAL) {
            return new DifferentialCopies(s, layout).list(volume, context);
        }
        if (s.mode() == RsyncSettings.Mode.BATCH) {
            return new BatchCopies(s, layout).list(volume, context);
        }
        if (s.mode() == RsyncSettings.Mode.MIRROR) {
            return layout.mirrorStamp(store, context).map(st -> List.of(new ArchiveInfo(MIRROR_ID, volume, st,
                    CopyLayout.time(st), Map.of("path", store.display(layout.volumeDir()))))).orElse(List.of());
        }
        return layout.completeCopies(store, context).stream().map(st -> new ArchiveInfo(st, volume, CopyLayout.time(st),
                Map.of("path", store.display(layout.copy(st))))).toList();
    }

    /**
     * The dated copy {@code DEST/<volume>/<stamp>}, or the mirror {@code DEST/<volume>} (which
     * holds only the run that last finished it).
     */
    @Override
    public String storedAs(BackupRequest request) {
        RsyncSettings s = RsyncSettings.from(request.target().settings());
        CopyLayout layout = new CopyLayout(s.dest(), request.volume());
        if (s.mode() == RsyncSettings.Mode.DIFFERENTIAL) {
            return layout.copy(request.runStamp()) + " (a full copy) or " + layout.diff(request.runStamp())
                    + " (a differential one)";
        }
        if (s.mode() == RsyncSettings.Mode.BATCH) {
            return layout.copy(request.runStamp()) + " (the first, full copy) or " + layout.volumeDir()
                    .resolve(request.runStamp() + BatchCopies.BATCH) + " (a batch)";
        }
        return s.mode() == RsyncSettings.Mode.MIRROR ? "the mirror " + s.store().display(layout.volumeDir())
                : s.store().display(layout.copy(request.runStamp()));
    }

    /**
     * Copies the paths (all when none) from the copy or mirror into {@code into} with
     * {@code rsync -aH [-AX] --numeric-ids [--relative]} (see {@link RsyncCommands#restore}); each
     * path is checked to be in the copy first, reached without following a symlink. A copy on
     * another host, or a differential or batch copy, is first restored whole into scratch.
     */
    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        new CopyRestorer(RsyncSettings.from(target.settings()), target).restorePaths(archive, paths, into, context);
    }

    /**
     * A local full copy or mirror is read in place; one on another host is fetched into
     * {@code scratch} with {@code rsync -s -e SSH}, and a differential or batch copy is composed
     * there ({@link RestoredTree#inScratch()} true).
     */
    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        return new CopyRestorer(RsyncSettings.from(target.settings()), target).restore(archive, scratch, context);
    }

    /**
     * Versioned mode: deletes the oldest complete copies beyond {@code keep}; differential mode:
     * see {@link DifferentialCopies#prune}; batch mode deletes whole chains beyond {@code keep}
     * ({@link BatchCopies#prune}); a mirror keeps itself.
     */
    @Override
    public void prune(ToolTarget target, String volume, RunContext context) {
        prune(target, volume, PruneProtection.NONE, context);
    }

    /**
     * As {@link #prune(ToolTarget, String, RunContext)}, but a copy {@code protection} names (the
     * newest complete copy older than a recorded guard failure) is never deleted; it does not count
     * against {@code keep}, so the {@code keep} newest copies stay as well.
     */
    @Override
    public void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
        RsyncSettings s = RsyncSettings.from(target.settings());
        if (s.mode() == RsyncSettings.Mode.MIRROR) {
            return;
        }
        CopyLayout layout = new CopyLayout(s.dest(), volume);
        if (s.mode() == RsyncSettings.Mode.DIFFERENTIAL) {
            new DifferentialCopies(s, layout).prune(volume, protection, context);
            return;
        }
        if (s.mode() == RsyncSettings.Mode.BATCH) {
            new BatchCopies(s, layout).prune(volume, protection, context);
            return;
        }
        CopyStore store = s.store();
        List<String> complete = layout.completeCopies(store, context);
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (ArchiveInfo a : protection.protectedAmong(complete.stream()
                .map(st -> new ArchiveInfo(st, volume, CopyLayout.time(st), Map.of())).toList())) {
            kept.add(a.id());
        }
        for (String old : complete.subList(0, Math.max(0, complete.size() - s.keep()))) {
            Path path = layout.copy(old);
            String p = store.display(path);
            if (kept.contains(old)) {
                context.listener().onEvent(new RunEvent.Report(volume, "rsync: kept the dated copy " + p
                        + " beyond keep: " + s.keep() + ": it is the newest copy before a guard failure of the volume"));
                continue;
            }
            Optional<PruneProtection.Kept> proven = protection.keptFor(CopyLayout.time(old));
            if (proven.isPresent()) {
                String line = "rsync: " + proven.get().describe() + " (the dated copy " + p + ", beyond keep: "
                        + s.keep() + ")";
                context.listener().onEvent(context.dryRun() ? new RunEvent.DryRun(line)
                        : new RunEvent.Report(volume, line));
                continue;
            }
            if (context.dryRun()) {
                context.listener().onEvent(new RunEvent.DryRun("delete the dated copy " + p));
                continue;
            }
            store.deleteTree(path, context);
            context.listener().onEvent(new RunEvent.Report(volume, "rsync: deleted the dated copy " + p
                    + " (keep: " + s.keep() + ")"));
        }
    }
}
