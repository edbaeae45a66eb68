package org.rdump.core.restore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rdump.api.BackupTool;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestVersion;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.RestorePaths;
import org.rdump.api.support.Trees;
import org.rdump.core.plugin.PluginRegistry;

/**
 * The one step of {@code rdump restore}: picks the backup ({@link Backups#select}), restores it
 * or the requested paths into the target with {@link BackupTool#restorePaths}, and checks what
 * it restored against the manifest version inside that backup. A target directory it creates is
 * journaled first and deleted again if the restore fails before the check (a crash leaves no
 * half-restored target behind); once the check has run, the restored files stay, matching or
 * not. Differences are a {@link DifferencesFoundException} whose paths are relative to the
 * volume's root. An in-place restore ({@link RestoreRequest#inPlace()}) stages and checks the
 * restore in the live tree's root, lists the changes ({@link LiveChange}), applies them with
 * rsync ({@link InPlaceSync}) and checks the live tree again; see {@code inPlace}.
 */
public final class RestoreStep implements Step {
    private final RestoreRequest request;
    private final VolumeSpec volume;
    private final Backups backups;
    private final PluginRegistry registry;
    private final IntegrityStore store;
    private @Nullable Undo createdTarget;
    /** The paths restored and checked: the request's, globs expanded ({@link BackupPaths}). */
    private List<String> paths;
    private @Nullable RestoreResult result;
    private @Nullable Path fetchedManifest;
    /** The live tree of an in-place restore ({@link org.rdump.api.Strategy#liveTree}); null otherwise. */
    private final @Nullable Path live;
    private final boolean mountpoint;
    private @Nullable Undo stageUndo;
    private @Nullable Path stage;
    private @Nullable LiveRoot liveRoot;

    /**
     * A restore into a directory ({@link RestoreRequest#to()}), not in place.
     *
     * @param request what to restore; not an in-place request
     * @param volume the configured volume {@code request} names
     * @param backups lists and selects the backup
     * @param registry holds the volume's tools
     * @param store reads the manifest inside the backup and checks the restored tree against it
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code request} is an in-place request
     */
    public RestoreStep(RestoreRequest request, VolumeSpec volume, Backups backups, PluginRegistry registry,
                       IntegrityStore store) {
        this(request, volume, backups, registry, store, null, false);
    }

    /**
     * A restore as {@code request} asks, into a directory or in place.
     *
     * @param request what to restore
     * @param volume the configured volume {@code request} names
     * @param backups lists and selects the backup
     * @param registry holds the volume's tools
     * @param store reads the manifest inside the backup and checks the restored tree against it
     * @param live the live tree, for an in-place restore (required then)
     * @param mountpoint whether the volume has {@code mountpoint: true}: an in-place restore
     *     then refuses a live tree that is not a mount point
     */
    public RestoreStep(RestoreRequest request, VolumeSpec volume, Backups backups, PluginRegistry registry,
                       IntegrityStore store, @Nullable Path live, boolean mountpoint) {
        this.request = Objects.requireNonNull(request, "request");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.paths = request.paths();
        if (request.inPlace() && live == null) {
            throw new IllegalArgumentException("an in-place restore needs the live tree");
        }
        this.live = live == null ? null : live.toAbsolutePath().normalize();
        this.mountpoint = mountpoint;
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return request.volume();
    }

    @Override
    public String describe() {
        String which = request.archive() != null ? "backup " + request.archive()
                : request.at() != null ? "the newest backup at or before " + request.at() : "the newest backup";
        if (request.image()) {
            return "write the image of " + which + " of " + request.volume() + (request.tool() == null ? ""
                    : " in '" + request.tool() + "'") + " to " + request.to() + ", checked against its SHA-256 first";
        }
        return "restore " + (request.paths().isEmpty() ? "" : String.join(", ", request.paths()) + " of ")
                + which + " of " + request.volume() + (request.tool() == null ? "" : " in '" + request.tool() + "'")
                + (live != null ? " in place into the live tree " + live + (request.delete()
                        ? " (deleting what the backup does not hold)" : "")
                        : " into " + request.to()) + " and check it against its manifest";
    }

    /**
     * The resources of every destination the backup may be read from (a backup to one of them
     * holds it too), and for an in-place restore the live tree ({@code tree:REALPATH}).
     */
    @Override
    public List<String> resources() {
        Stream<String> tools = backups.destinations(volume, request.tool()).stream()
                .flatMap(t -> registry.get(BackupTool.class, t.tool()).resources(t).stream());
        Path l = live;
        return Stream.concat(tools, l == null ? Stream.empty() : Stream.of("tree:" + Trees.realPath(l)))
                .distinct().toList();
    }

    /** An in-place restore applies it with rsync, whatever tool it restores from. */
    @Override
    public List<org.rdump.api.PreflightProblem> preflight(RunContext context) {
        if (live == null) {
            return List.of();
        }
        return org.rdump.api.support.Programs.check(request.volume(), "rsync",
                org.rdump.api.support.Programs.aptInstall("rsync"), context.runner()).stream().toList();
    }

    @Override
    public void perform(RunContext context) {
        List<ToolTarget> destinations = backups.destinations(volume, request.tool());
        // listings are read-only: they run for real in a dry run too, so that it shows the chosen backup
        List<Backup> all = backups.list(volume, destinations, Listing.of(context));
        Backup chosen = Backups.select(request.volume(), all, destinations, request.archive(), request.at());
        ToolTarget target = chosen.target();
        BackupTool tool = registry.get(BackupTool.class, target.tool());
        String what = "restore of backup " + chosen.stamp() + " of volume " + request.volume() + " from '"
                + target.name() + "' (" + tool.id() + ")";
        if (live != null) {
            inPlace(context, all, chosen, tool, what);
            return;
        }
        Path to = Objects.requireNonNull(request.to(), "to");
        if (request.image()) {
            if (!tool.restoresImage()) {
                throw new RdumpException("--image: backup " + chosen.stamp() + " of volume " + request.volume()
                        + " in '" + target.name() + "' (" + tool.id() + ") is a tree, not an image; restore it"
                        + " without --image into a directory");
            }
            tool.restoreImage(target, chosen.archive(), to, context);
            if (!context.dryRun()) {
                context.listener().onEvent(new RunEvent.Report(request.volume(), what + ": wrote the image to " + to
                        + "; it matches its recorded SHA-256"));
            }
            return;
        }
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  backup " + chosen.stamp() + " in '" + target.name()
                    + "' (" + tool.id() + "): " + chosen.where() + "; restore into " + to));
            List<String> shown = request.paths();
            if (shown.stream().anyMatch(BackupPaths::isGlob)) {
                // read-only, as the listing: the manifest is fetched for real into scratch, then deleted
                BackupPaths resolver = new BackupPaths(registry, store, Listing.of(context));
                try {
                    shown = resolver.resolve(shown, chosen, all);
                } finally {
                    resolver.deleteFetched();
                }
                context.listener().onEvent(new RunEvent.DryRun("  " + String.join(", ", request.paths())
                        + " match " + String.join(", ", shown) + " in the " + IntegrityStore.DEFAULT_MANIFEST
                        + " inside the backup"));
            }
            tool.restorePaths(target, chosen.archive(), shown, to, context);
            context.listener().onEvent(new RunEvent.DryRun("  check the restored files against the "
                    + IntegrityStore.DEFAULT_MANIFEST + " inside the backup"));
            return;
        }
        resolvePaths(chosen, all, context);
        prepareTarget(to, context);
        Checked checked = restoreAndCheck(tool, chosen, to, context);
        if (createdTarget != null) {
            context.undo().done(createdTarget); // checked: the files are the user's now, matching or not
            createdTarget = null;
        }
        IntegrityReport report = checked.report();
        result = new RestoreResult(chosen, to, paths, countRestored(to), countChecked(checked.manifest()),
                checked.version(), report.clean() ? RestoreResult.Verdict.MATCHES : RestoreResult.Verdict.DIFFERS,
                report);
        if (!report.clean()) {
            throw new DifferencesFoundException(what + " into " + to + " (manifest version " + checked.version()
                    + ")", report);
        }
        context.listener().onEvent(new RunEvent.Report(request.volume(), what + " into " + to + ": "
                + (paths.isEmpty() ? "every file" : "every file under " + String.join(", ", paths))
                + " matches the manifest (version " + checked.version() + ")"));
    }

    /** A restore into {@code to} checked against the manifest inside the backup. */
    private record Checked(Path manifest, String version, IntegrityReport report) {
    }

    /** Expands the request's globs against the manifest inside {@code chosen}. */
    private void resolvePaths(Backup chosen, List<Backup> all, RunContext context) {
        if (!request.paths().isEmpty()) {
            BackupPaths resolver = new BackupPaths(registry, store, context);
            paths = resolver.resolve(request.paths(), chosen, all);
            fetchedManifest = resolver.chosenManifest().orElse(null);
        }
    }

    /**
     * Restores {@link #paths} of {@code chosen} into {@code to} and checks them against the
     * manifest inside the backup; the report's paths are relative to the volume's root.
     */
    private Checked restoreAndCheck(BackupTool tool, Backup chosen, Path to, RunContext context) {
        ToolTarget target = chosen.target();
        tool.restorePaths(target, chosen.archive(), paths, to, context);
        for (String p : paths) {
            if (!Files.exists(to.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
                throw RestorePaths.missing(p, chosen.archive(), target);
            }
        }
        Path manifest = manifest(tool, target, chosen, to, context);
        var split = store.check(to, manifest, IntegrityStore.Version.latest(), Set.of(),
                org.rdump.core.run.VolumeContext.of(context, request.volume()))
                .withoutKindsNotIn(tool.keptKinds());
        return new Checked(manifest, version(manifest), relative(split.getKey(), to, tool.notKept(chosen.archive())));
    }

    /**
     * An in-place restore: the backup (or its paths) is restored into a staging directory in the
     * live tree's root (the same file system, journaled, excluded from the transfer) and checked
     * against the manifest inside the backup; only when it matches is it carried into the live
     * tree with rsync ({@link InPlaceSync}), after the changes are listed; then the live tree is
     * checked again. A dry run stages in scratch instead and lists the changes, touching nothing live.
     */
    private void inPlace(RunContext context, List<Backup> all, Backup chosen, BackupTool tool, String what) {
        Path l = Objects.requireNonNull(live);
        requireLive(l);
        String into = what + " in place into " + l;
        if (context.dryRun()) {
            RunContext scratch = new ScratchRun(context);
            Path staged = context.scratchDirectory().resolve("in-place-" + request.volume());
            context.listener().onEvent(new RunEvent.DryRun("  backup " + chosen.stamp() + " in '"
                    + chosen.target().name() + "' (" + tool.id() + "): " + chosen.where() + "; restore in place into "
                    + l + ", staged and checked first in " + l + "/.rdump-restore-" + context.runStamp()
                    + " (this dry run stages in " + staged + ")"));
            try {
                Trees.delete(staged); // a killed dry run's
                createPrivate(staged);
                resolvePaths(chosen, all, scratch);
                requireNoLinkAbove(l);
                Checked checked = restoreAndCheck(tool, chosen, staged, scratch);
                if (!checked.report().clean()) {
                    throw new DifferencesFoundException(what + " (manifest version " + checked.version()
                            + "); nothing would be changed in " + l, checked.report());
                }
                InPlaceSync sync = new InPlaceSync(staged, l, paths, request.delete());
                List<LiveChange> changes = preview(sync, scratch);
                context.listener().onEvent(new RunEvent.DryRun("  the staged restore matches the manifest (version "
                        + checked.version() + "); then:"));
                context.listener().onEvent(new RunEvent.DryRun("      $ " + sync.apply().display()));
                context.listener().onEvent(new RunEvent.DryRun("  " + changeCount(changes) + " in " + l
                        + (changes.isEmpty() ? "" : ":")));
                changes.forEach(c -> context.listener().onEvent(new RunEvent.DryRun("    " + c)));
                context.listener().onEvent(new RunEvent.DryRun("  check " + (paths.isEmpty() ? "the live tree"
                        : String.join(", ", paths) + " in the live tree") + " against that manifest"));
            } finally {
                Trees.delete(staged);
            }
            return;
        }
        resolvePaths(chosen, all, context);
        requireNoLinkAbove(l);
        Path staged = l.resolve(".rdump-restore-" + context.runStamp());
        liveRoot = LiveRoot.of(l);
        stageUndo = context.undo().record(Undo.of("restore-stage", staged.toString(), request.volume(),
                new UndoAction.Delete(staged)));
        stage = staged;
        createPrivate(staged);
        Checked checked = restoreAndCheck(tool, chosen, staged, context);
        if (!checked.report().clean()) {
            result = new RestoreResult(chosen, l, paths, 0, countChecked(checked.manifest()), checked.version(),
                    RestoreResult.Verdict.DIFFERS, checked.report(), List.of());
            throw new DifferencesFoundException(what + " (manifest version " + checked.version() + "), staged in "
                    + staged + ": nothing in " + l + " was changed", checked.report());
        }
        Path manifest = keep(checked.manifest(), context); // the stage, which may hold it, goes before the check
        InPlaceSync sync = new InPlaceSync(staged, l, paths, request.delete());
        List<LiveChange> changes = preview(sync, context);
        context.listener().onEvent(new RunEvent.Report(request.volume(), into + ": the staged restore matches the"
                + " manifest (version " + checked.version() + "); " + changeCount(changes)
                + (changes.isEmpty() ? "" : ":")));
        changes.forEach(c -> context.listener().onEvent(new RunEvent.Report(request.volume(), "  " + c)));
        if (!changes.isEmpty()) {
            context.runner().run(sync.apply());
        }
        deleteStage(context);
        var split = store.check(l, manifest, IntegrityStore.Version.latest(), Set.of(), context)
                .withoutKindsNotIn(tool.keptKinds());
        IntegrityReport report = withoutLiveManifest(relative(split.getKey(), l, tool.notKept(chosen.archive())));
        long kept = 0;
        if (!request.delete()) { // what the backup does not hold stays, as asked: no difference
            List<IntegrityReport.Difference> diffs = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < report.differences().size(); i++) {
                if (report.differences().get(i).change() == IntegrityReport.Change.ADDED) {
                    kept++;
                } else {
                    diffs.add(report.differences().get(i));
                    lines.add(report.lines().get(i));
                }
            }
            report = new IntegrityReport(diffs, lines);
        }
        result = new RestoreResult(chosen, l, paths, changes.size(), countChecked(manifest), checked.version(),
                report.clean() ? RestoreResult.Verdict.MATCHES : RestoreResult.Verdict.DIFFERS, report, changes);
        if (!report.clean()) {
            throw new DifferencesFoundException(into + ": applied, but the live tree differs from the manifest"
                    + " (version " + checked.version() + ")", report);
        }
        context.listener().onEvent(new RunEvent.Report(request.volume(), into + ": "
                + (paths.isEmpty() ? "the live tree" : String.join(", ", paths)) + " now matches the manifest"
                + " (version " + checked.version() + ")" + (kept == 0 ? "" : "; " + kept + (kept == 1 ? " entry"
                : " entries") + " not in the backup left in place (--delete removes them)")));
    }

    /** The live tree must be a directory, and a mount point when the volume says {@code mountpoint: true}. */
    private void requireLive(Path l) {
        if (!Files.isDirectory(l)) {
            throw new RdumpException("the live tree of volume " + request.volume() + ", " + l + ", is not a"
                    + " directory; mount it, or restore with --to DIR");
        }
        if (mountpoint) {
            org.rdump.core.guard.MountPointGuardStep.notMounted(l).ifPresent(problem -> {
                throw new RdumpException("volume '" + request.volume() + "': " + problem + "; nothing was restored"
                        + " into it");
            });
        }
    }

    /**
     * Refuses a path whose parent in the live tree is a symlink: rsync would write through it
     * (possibly out of the live tree) rather than give the backup's directory back.
     */
    private void requireNoLinkAbove(Path l) {
        for (String p : paths) {
            Path at = l;
            String[] parts = p.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.resolve(parts[i]);
                if (Files.isSymbolicLink(at)) {
                    throw new RdumpException("cannot restore " + p + " in place: " + at + " is a symlink in the live"
                            + " tree, and rsync would write through it; restore " + l.relativize(at) + " in place"
                            + " instead, or restore with --to DIR");
                }
            }
        }
    }

    /** The changes rsync would make, read from its dry run (which only reads). */
    private List<LiveChange> preview(InPlaceSync sync, RunContext context) {
        // the root is the mount point: its own mode, owner and times stay as they are (LiveRoot)
        return LiveChange.parse(context.runner().run(sync.preview()).stdout().lines().toList()).stream()
                .filter(c -> !c.path().equals(".")).toList();
    }

    private static String changeCount(List<LiveChange> changes) {
        if (changes.isEmpty()) {
            return "nothing to change";
        }
        var byAction = new java.util.EnumMap<LiveChange.Action, Integer>(LiveChange.Action.class);
        changes.forEach(c -> byAction.merge(c.action(), 1, Integer::sum));
        return changes.size() + (changes.size() == 1 ? " change" : " changes") + " (" + String.join(", ",
                byAction.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(
                        java.util.Locale.ROOT)).toList()) + ")";
    }

    /** A copy of {@code manifest} in the run's scratch directory. */
    private static Path keep(Path manifest, RunContext context) {
        Path copy = context.scratchDirectory().resolve("in-place-" + IntegrityStore.DEFAULT_MANIFEST);
        try {
            Files.createDirectories(copy.getParent());
            return Files.copy(manifest, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RdumpException("cannot copy the manifest " + manifest + " into the scratch directory: " + e, e);
        }
    }

    private static void createPrivate(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RdumpException("cannot create the staging directory " + dir + ": " + e, e);
        }
    }

    /** What the last re-check leaves out: the live manifest's own files at the root, which are not restored. */
    private static IntegrityReport withoutLiveManifest(IntegrityReport report) {
        List<IntegrityReport.Difference> diffs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < report.differences().size(); i++) {
            String p = report.differences().get(i).path();
            if (!(p.startsWith("2sure.") && p.indexOf('/') < 0)) {
                diffs.add(report.differences().get(i));
                lines.add(report.lines().get(i));
            }
        }
        return new IntegrityReport(diffs, lines);
    }

    /** Deletes the staging directory and gives the live root its time back (the stage changed it). */
    private void deleteStage(RunContext context) {
        Path s = stage;
        Undo u = stageUndo;
        if (s == null || u == null) {
            return;
        }
        Trees.delete(s);
        context.undo().done(u);
        stage = null;
        stageUndo = null;
        LiveRoot root = liveRoot;
        if (root != null) {
            root.putBack();
        }
    }

    /**
     * What was asked for.
     *
     * @return never null
     */
    public RestoreRequest request() {
        return request;
    }

    /**
     * What the restore did and found, once it got as far as its check.
     *
     * @return empty before the check, or when the restore failed before it
     */
    public java.util.Optional<RestoreResult> result() {
        return java.util.Optional.ofNullable(result);
    }

    private long countRestored(Path to) {
        List<Path> roots = paths.isEmpty() ? List.of(to) : paths.stream().map(to::resolve).toList();
        long n = 0;
        for (Path r : roots) {
            try (Stream<Path> s = Files.walk(r)) {
                n += s.filter(p -> !p.equals(to)).count();
            } catch (IOException e) {
                throw new RdumpException("cannot count what was restored into " + to + ": " + e, e);
            }
        }
        return n;
    }

    private long countChecked(Path manifest) {
        return store.paths(manifest, IntegrityStore.Version.latest()).stream()
                .filter(p -> paths.isEmpty() || paths.stream().anyMatch(w -> p.equals(w) || p.startsWith(w + "/")))
                .count();
    }

    /** Refuses a non-empty target unless told to overwrite; creates a missing one, journaled. */
    private void prepareTarget(Path to, RunContext context) {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new RdumpException("restore target " + to + " is not a directory; give a new or empty"
                        + " directory with --to");
            }
            if (!request.overwrite() && !isEmpty(to)) {
                throw new RdumpException("restore target " + to + " is not empty; restore into a new or empty"
                        + " directory, or give --overwrite to write over what is there");
            }
            return;
        }
        createdTarget = context.undo().record(Undo.of("restore-target", to.toString(), request.volume(),
                new UndoAction.Delete(to)));
        try {
            Files.createDirectories(to);
        } catch (IOException e) {
            throw new RdumpException("cannot create the restore target " + to + ": " + e, e);
        }
    }

    /** The manifest inside the backup: restored with the tree, or fetched on its own into scratch. */
    private Path manifest(BackupTool tool, ToolTarget target, Backup chosen, Path to, RunContext context) {
        String name = IntegrityStore.DEFAULT_MANIFEST;
        if (paths.isEmpty() || paths.contains(name)) {
            Path m = to.resolve(name);
            if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
                throw noManifest(chosen, to);
            }
            return m;
        }
        if (fetchedManifest != null && Files.isRegularFile(fetchedManifest, LinkOption.NOFOLLOW_LINKS)) {
            return fetchedManifest; // fetched to resolve the paths, before the restore
        }
        Path dir = context.scratchDirectory().resolve("restore-manifest-" + target.name());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RdumpException("cannot create the scratch directory " + dir + ": " + e, e);
        }
        try {
            tool.restorePaths(target, chosen.archive(), List.of(name), dir, context);
        } catch (RdumpException e) {
            throw noManifest(chosen, to);
        }
        Path m = dir.resolve(name);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            throw noManifest(chosen, to);
        }
        return m;
    }

    private RdumpException noManifest(Backup chosen, Path to) {
        return new RdumpException("backup " + chosen.stamp() + " of volume " + request.volume() + " in '"
                + chosen.target().name() + "' was restored into " + to + " but holds no "
                + IntegrityStore.DEFAULT_MANIFEST + " at its root, so it cannot be checked; add 'rsure' to the"
                + " actions of volume " + request.volume() + " so that later backups carry one");
    }

    private String version(Path manifest) {
        List<ManifestVersion> versions = store.versions(manifest);
        return versions.isEmpty() ? "?" : versions.get(0).number() + " '" + versions.get(0).name() + "'";
    }

    /**
     * The report with paths relative to the volume's root ({@code "etc/host.conf"}, the root as
     * {@code "."}), and for a file-level restore only the differences at or under a requested path;
     * without the absence of what the backup lacks by design.
     */
    private IntegrityReport relative(IntegrityReport report, Path to, Set<String> notKept) {
        String base = to.toString();
        List<String> wanted = paths.stream().map(RestoreStep::escape).toList();
        List<IntegrityReport.Difference> diffs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < report.differences().size(); i++) {
            IntegrityReport.Difference d = report.differences().get(i);
            String rel = d.path().equals(base) ? "." : d.path().startsWith(base + "/")
                    ? d.path().substring(base.length() + 1) : d.path();
            if (!wanted.isEmpty() && wanted.stream().noneMatch(w -> rel.equals(w) || rel.startsWith(w + "/"))) {
                continue;
            }
            if (d.change() == IntegrityReport.Change.REMOVED && notKept.stream().map(RestoreStep::escape)
                    .anyMatch(rel::equals)) {
                continue; // absent from this backup by design (BackupTool#notKept)
            }
            diffs.add(new IntegrityReport.Difference(d.change(), rel, d.kind(), d.attributes()));
            String line = report.lines().get(i);
            lines.add(rel.equals(".") ? line.replace("\"" + base + "\"", "\".\"")
                    : line.replace("\"" + base + "/", "\""));
        }
        return new IntegrityReport(diffs, lines);
    }

    /**
     * A path as the manifest writes names (rsure escaping: {@code =xx} for all but {@code !..~} less {@code = [ ]}).
     *
     * @param path a path relative to the volume's root
     * @return its escaped form, UTF-8 bytes escaped one by one; never null
     */
    public static String escape(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c == '/' || c >= '!' && c <= '~' && c != '=' && c != '[' && c != ']') {
                b.append((char) c);
            } else {
                b.append('=').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return b.toString();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new RdumpException("cannot read the restore target " + dir + ": " + e, e);
        }
    }

    /**
     * Deletes the staging directory of an in-place restore, and a target directory this step
     * created unless the restore got as far as its check.
     */
    @Override
    public void cleanup(RunContext context) {
        deleteStage(context);
        Undo u = createdTarget;
        if (u == null) {
            return;
        }
        Trees.delete(Objects.requireNonNull(request.to(), "to"));
        context.undo().done(u);
        createdTarget = null;
    }
}
