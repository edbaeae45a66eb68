package org.rdump.restic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.Programs;
import org.rdump.api.support.RestorePaths;

/**
 * restic as a {@link BackupTool} (id {@code restic}): one snapshot per volume and run, tagged
 * {@code rdump-volume=VOLUME} and {@code rdump-stamp=STAMP}, made under the instance's host name
 * with the run stamp as its time, from the tree's root as the working directory ({@code backup .}),
 * so that a restore gives the tree back at the target's root.
 *
 * <p>The repository and the password source travel in {@code RESTIC_REPOSITORY},
 * {@code RESTIC_PASSWORD_FILE} or {@code RESTIC_PASSWORD_COMMAND} only, never in an argument
 * vector. Exit 3 of {@code restic backup} (some files could not be read) is a warning: the
 * snapshot stands and the warning names the files. Any other failure is a
 * {@link org.rdump.api.command.CommandFailedException} with restic's message and what to do
 * next. rdump never creates a repository. Stateless and thread-safe.
 *
 * @since 0.5
 */
public final class ResticBackupTool implements BackupTool {

    /** restic stores every kind of entry but sockets ({@code restic backup} skips them). */
    @Override
    public Set<String> keptKinds() {
        return Set.of("dir", "file", "lnk", "fifo", "chr", "blk");
    }

    /**
     * Hard links and extended attributes; not sparse files: restic 0.14's {@code restore} writes
     * every zero (restic 0.15 and later restore with {@code --sparse}, which rdump then passes).
     */
    @Override
    public Set<String> keptMetadata(ToolTarget target) {
        return Set.of("hardlinks", "xattrs");
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String id() {
        return "restic";
    }

    @Override
    public String description() {
        return "restic: encrypted, deduplicated snapshots in a repository, tagged with the volume and the run stamp";
    }

    @Override
    public SettingsSchema schema() {
        return ResticSettings.SCHEMA;
    }

    /** Reads the settings as a run would: the repository, one password source, keep_* rules, env entries. */
    @Override
    public void validate(ToolTarget target) {
        ResticSettings.from(target.settings());
    }

    /** {@code restic:REPO}: a local repository as its absolute real path, any other as written. */
    @Override
    public List<String> resources(ToolTarget target) {
        return List.of("restic:" + repoIdentity(ResticSettings.from(target.settings()).repo()));
    }

    static String repoIdentity(String repo) {
        String local = repo.startsWith("local:") ? repo.substring("local:".length()) : repo;
        return local.startsWith("/") ? org.rdump.api.support.Trees.realPath(Path.of(local)).toString() : repo;
    }

    /** A plan shows the snapshot's tags: the snapshot id is known only once it is made. */
    @Override
    public String storedAs(BackupRequest request) {
        ResticSettings s = ResticSettings.from(request.target().settings());
        return "a snapshot tagged " + ResticCommands.volumeTag(request.volume()) + ","
                + ResticCommands.stampTag(request.runStamp()) + " (host " + s.host() + ")";
    }

    /**
     * restic is found and is 0.10 or later, and the repository answers a read-only
     * {@code restic cat config --no-lock} with the same environment as a backup: a missing
     * repository or a wrong password is reported with what to do.
     */
    @Override
    public List<PreflightProblem> preflight(BackupRequest request, RunContext context) {
        ResticSettings s = ResticSettings.from(request.target().settings());
        String fix = s.program().equals("restic") ? Programs.aptInstall("restic")
                : "check 'program' at " + request.target().settings().locate("program") + ": it must exist and be executable";
        Optional<PreflightProblem> missing = Programs.check(request.volume(), s.program(), fix, context.queryRunner());
        if (missing.isPresent()) {
            return List.of(missing.get());
        }
        ResticRun run = new ResticRun(s, request.target(), request.volume(), context);
        Optional<ResticVersion> version = version(s, run);
        if (version.isPresent() && version.get().compareTo(ResticVersion.MINIMUM) < 0) {
            return List.of(new PreflightProblem(request.volume(), "restic " + version.get() + " of restic tool '"
                    + request.target().name() + "' is older than " + ResticVersion.MINIMUM + ", whose exit code 3"
                    + " says a snapshot lacks unreadable files; install a newer restic"));
        }
        return run.probe(ResticCommands.probe(s), "pre-flight check")
                .map(said -> List.of(new PreflightProblem(request.volume(), "the repository of restic tool '"
                        + request.target().name() + "' does not answer: " + said)))
                .orElse(List.of());
    }

    private static Optional<ResticVersion> version(ResticSettings s, ResticRun run) {
        try {
            return ResticVersion.parse(run.query(ResticCommands.version(s), "version").stdout());
        } catch (RdumpException e) {
            return Optional.empty();
        }
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        ResticSettings s = ResticSettings.from(request.target().settings());
        // In a dry run a snapshot's mount point does not exist yet (nothing was mounted): show the commands anyway.
        if (!context.dryRun() && !Files.isDirectory(request.source())) {
            throw new RdumpException("restic backup of volume '" + request.volume() + "': source "
                    + request.source() + " is not a directory (missing or not mounted); check the volume's"
                    + " mount point or snapshot");
        }
        String stamp = request.runStamp();
        Instant time = stampTime(stamp).orElse(context.clock().instant());
        ResticRun run = new ResticRun(s, request.target(), request.volume(), context);
        String parent = newest(s, request.target(), request.volume(), context);
        CommandResult result = run.run(ResticCommands.backup(s, request.source(), request.volume(), stamp, time,
                parent), "backup " + request.archiveName());
        Map<String, String> details = new LinkedHashMap<>();
        long files = -1;
        long bytes = -1;
        String id = request.archiveName();
        Optional<ResticJsonParser.Summary> summary = result.stdoutLines().stream()
                .map(ResticJsonParser::backupLine).flatMap(Optional::stream)
                .filter(ResticJsonParser.Summary.class::isInstance).map(ResticJsonParser.Summary.class::cast)
                .reduce((a, b) -> b);
        if (summary.isPresent()) {
            ResticJsonParser.Summary sum = summary.get();
            id = sum.snapshotId().isEmpty() ? id : sum.snapshotId();
            files = sum.totalFiles();
            bytes = sum.totalBytes();
            details.put("files_new", Long.toString(sum.filesNew()));
            details.put("files_changed", Long.toString(sum.filesChanged()));
            details.put("data_added", Long.toString(sum.dataAdded()));
            details.put("duration_seconds", Double.toString(sum.durationSeconds()));
        } else if (!context.dryRun()) {
            context.logger("rdump.restic").warn("restic backup printed no --json summary");
        }
        return new BackupResult(new ArchiveInfo(id, request.volume(), stamp, time, details), files, bytes,
                run.warnings(result, request.source()));
    }

    /** The id of the volume's newest snapshot, restic's parent for the next one; null when there is none. */
    private @Nullable String newest(ResticSettings s, ToolTarget target, String volume, RunContext context) {
        List<ArchiveInfo> all = list(target, volume, context, true);
        return all.isEmpty() ? null : all.get(all.size() - 1).details().get("id");
    }

    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        return list(target, volume, context, false);
    }

    private List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context, boolean query) {
        ResticSettings s = ResticSettings.from(target.settings());
        ResticRun run = new ResticRun(s, target, volume, context);
        CommandResult result = query ? run.query(ResticCommands.snapshots(s, volume), "snapshots")
                : run.run(ResticCommands.snapshots(s, volume), "snapshots");
        List<ResticJsonParser.Snapshot> snapshots;
        try {
            snapshots = ResticJsonParser.snapshots(result.stdout());
        } catch (IllegalArgumentException e) {
            throw new RdumpException("cannot read the snapshot list of restic tool '" + target.name() + "': "
                    + e.getMessage() + "; is '" + s.program() + "' restic 0.10 or later?", e);
        }
        List<ArchiveInfo> out = new ArrayList<>();
        for (ResticJsonParser.Snapshot snap : snapshots) {
            Optional<String> stamp = snap.tag(ResticCommands.STAMP_TAG);
            Optional<Instant> time = stamp.flatMap(ResticBackupTool::stampTime);
            if (time.isPresent() && snap.tags().contains(ResticCommands.volumeTag(volume))
                    && snap.hostname().equals(s.host())) {
                out.add(new ArchiveInfo(snap.shortId(), volume, stamp.get(), time.get(), Map.of("id", snap.id(),
                        "time", snap.time(), "paths", String.join(",", snap.paths()))));
            }
        }
        out.sort(Comparator.comparing(ArchiveInfo::time).thenComparing(ArchiveInfo::id));
        return List.copyOf(out);
    }

    /**
     * The bytes a restore of each snapshot writes ({@code restic stats --mode restore-size}, one
     * call per snapshot: restic 0.14 tells no snapshot's size in its list).
     */
    @Override
    public Map<String, Long> sizes(ToolTarget target, String volume, List<ArchiveInfo> archives, RunContext context) {
        ResticSettings s = ResticSettings.from(target.settings());
        Map<String, Long> out = new LinkedHashMap<>();
        for (ArchiveInfo a : archives) {
            CommandResult r = new ResticRun(s, target, volume, context)
                    .run(ResticCommands.stats(s, a.details().getOrDefault("id", a.id())), "stats " + a.id());
            if (r.stdout().isBlank()) {
                continue;
            }
            try {
                long size = ResticJsonParser.totalSize(r.stdout());
                if (size >= 0) {
                    out.put(a.id(), size);
                }
            } catch (IllegalArgumentException e) {
                throw new RdumpException("cannot read the statistics of snapshot " + a.id() + " in restic tool '"
                        + target.name() + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Restores the snapshot into {@code scratch} (created if needed); the tree's root is {@code scratch}. */
    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new RdumpException("cannot create the restore directory " + scratch + ": " + e, e);
        }
        restoreInto(target, archive, List.of(), scratch, context);
        return new RestoredTree(scratch, true);
    }

    /**
     * {@code restic restore ID --target INTO [--include /PATH...]}: restic restores only the named
     * paths, each with all below it. The nodes it would write are listed first
     * ({@code restic ls --json}, also in a dry run): a path with no node is not in the snapshot (an
     * {@link RdumpException} naming it), and a node that would be written outside {@code into}
     * stops the restore before anything is written.
     */
    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        restoreInto(target, archive, paths, into, context);
    }

    private void restoreInto(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        ResticSettings s = ResticSettings.from(target.settings());
        String id = archive.details().getOrDefault("id", archive.id());
        ResticRun run = new ResticRun(s, target, archive.volume(), context);
        CommandResult listed = run.query(ResticCommands.ls(s, id, paths), "ls " + archive.id());
        List<ResticJsonParser.Node> nodes;
        try {
            nodes = ResticJsonParser.nodes(listed.stdout());
        } catch (IllegalArgumentException e) {
            throw new RdumpException("cannot read the node list of restic snapshot " + archive.id() + " in '"
                    + target.name() + "': " + e.getMessage(), e);
        }
        for (String p : paths) {
            if (nodes.stream().noneMatch(n -> n.path().equals("/" + p))) {
                throw RestorePaths.missing(p, archive, target);
            }
        }
        ResticMembers.escape(nodes, into).ifPresent(why -> {
            throw new RdumpException("restic snapshot " + archive.id() + " in '" + target.name() + "' holds a node"
                    + " that would be written outside " + into + ": " + why + "; nothing was restored (rdump never"
                    + " stores such a path: the snapshot was not made by rdump, or was altered)");
        });
        boolean sparse = version(s, run).map(ResticVersion::restoresSparse).orElse(false);
        run.run(ResticCommands.restore(s, id, paths, into, sparse), "restore " + archive.id());
    }

    /** Applies the {@code keep_*} rules to this volume's snapshots; without one nothing is forgotten. */
    @Override
    public void prune(ToolTarget target, String volume, RunContext context) {
        prune(target, volume, PruneProtection.NONE, context);
    }

    /**
     * As {@link #prune(ToolTarget, String, RunContext)}, keeping what {@code protection} names:
     * the newest snapshot before a guard failure, if the rules would forget it, stops the forget
     * with a warning; a snapshot kept as proven restorable stays while the others the rules
     * would forget are forgotten by id (see {@link ResticRetention}).
     */
    @Override
    public void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
        ResticRetention.apply(this, target, volume, protection, context);
    }

    /** The time of a run stamp, or empty when {@code stamp} is not one. */
    static Optional<Instant> stampTime(String stamp) {
        if (!ResticCommands.STAMP.matcher(stamp).matches()) {
            return Optional.empty();
        }
        return Optional.of(Instant.from(ArchiveInfo.STAMP.parse(stamp)));
    }
}
