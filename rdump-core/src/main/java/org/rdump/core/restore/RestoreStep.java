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
 * volume's root.
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

    public RestoreStep(RestoreRequest request, VolumeSpec volume, Backups backups, PluginRegistry registry,
                       IntegrityStore store) {
        this.request = Objects.requireNonNull(request, "request");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.paths = request.paths();
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
        return "restore " + (request.paths().isEmpty() ? "" : String.join(", ", request.paths()) + " of ")
                + which + " of " + request.volume() + (request.tool() == null ? "" : " in '" + request.tool() + "'")
                + " into " + request.to() + " and check it against its manifest";
    }

    /** The resources of every destination the backup may be read from. */
    @Override
    public List<String> resources() {
        return backups.destinations(volume, request.tool()).stream()
                .flatMap(t -> registry.get(BackupTool.class, t.tool()).resources(t).stream()).distinct().toList();
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
        Path to = request.to();
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
        if (!paths.isEmpty()) {
            BackupPaths resolver = new BackupPaths(registry, store, context);
            paths = resolver.resolve(request.paths(), chosen, all);
            fetchedManifest = resolver.chosenManifest().orElse(null);
        }
        prepareTarget(to, context);
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
        if (createdTarget != null) {
            context.undo().done(createdTarget); // checked: the files are the user's now, matching or not
            createdTarget = null;
        }
        IntegrityReport report = relative(split.getKey(), to, tool.notKept(chosen.archive()));
        String version = version(manifest);
        result = new RestoreResult(chosen, to, paths, countRestored(to), countChecked(manifest), version,
                report.clean() ? RestoreResult.Verdict.MATCHES : RestoreResult.Verdict.DIFFERS, report);
        if (!report.clean()) {
            throw new DifferencesFoundException(what + " into " + to + " (manifest version " + version + ")", report);
        }
        context.listener().onEvent(new RunEvent.Report(request.volume(), what + " into " + to + ": "
                + (paths.isEmpty() ? "every file" : "every file under " + String.join(", ", paths))
                + " matches the manifest (version " + version + ")"));
    }

    /** What the restore did and found, once it got as far as its check; empty before. */
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

    /** A path as the manifest writes names (rsure escaping: {@code =xx} for all but {@code !..~} less {@code = [ ]}). */
    static String escape(String path) {
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

    /** Deletes a target directory this step created, unless the restore got as far as its check. */
    @Override
    public void cleanup(RunContext context) {
        Undo u = createdTarget;
        if (u == null) {
            return;
        }
        Trees.delete(request.to());
        context.undo().done(u);
        createdTarget = null;
    }
}
