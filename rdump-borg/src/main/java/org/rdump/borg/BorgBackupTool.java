package org.rdump.borg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.Programs;

/**
 * borgbackup as a {@link BackupTool} (id {@code borg}): one archive per volume and run, named
 * {@code <volume>-<run stamp>} as the original rdump names them, made with the tree's root as
 * the working directory so that a restore ({@code borg extract} into a scratch directory) gives
 * the tree back at the scratch root.
 *
 * <p>The passphrase travels in {@code BORG_PASSPHRASE} (or {@code BORG_PASSCOMMAND}) only; it
 * is never in an argument vector, and is removed from any borg message rdump repeats. Exit 1 is
 * borg's warning: the backup stands and the warnings are in the result. Exit 2 or more is a
 * {@link org.rdump.api.command.CommandFailedException} with borg's error messages and what to do
 * next. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class BorgBackupTool implements BackupTool {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** borg stores every kind of entry but sockets ({@code borg create} skips them). */
    @Override
    public java.util.Set<String> keptKinds() {
        return java.util.Set.of("dir", "file", "lnk", "fifo", "chr", "blk");
    }

    @Override
    public String id() {
        return "borg";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "borgbackup: encrypted, deduplicated archives <volume>-<run stamp> in a repository";
    }

    @Override
    public SettingsSchema schema() {
        return BorgSettings.SCHEMA;
    }

    /** Reads the settings as a run would: the repository, keep_* counts, env entries. */
    @Override
    public void validate(ToolTarget target) {
        BorgSettings.from(target.settings());
    }

    /**
     * {@code borg:REPO}: a local repository as its absolute real path, a remote one
     * ({@code ssh://...}, {@code user@host:path}) as written; none when a wrapper supplies it.
     */
    @Override
    public List<String> resources(ToolTarget target) {
        return Optional.ofNullable(BorgSettings.from(target.settings()).repo())
                .map(repo -> List.of("borg:" + repoIdentity(repo))).orElse(List.of());
    }

    static String repoIdentity(String repo) {
        int colon = repo.indexOf(':');
        boolean remote = repo.contains("://") || colon > 0 && !repo.substring(0, colon).contains("/");
        return remote ? repo : org.rdump.api.support.Trees.realPath(Path.of(repo)).toString();
    }

    /**
     * borg (or the wrapper) is found, and the repository answers a read-only
     * {@code borg list --short --last 1}, with the same environment and secrets as a backup: a
     * missing repository, a wrong passphrase or a held lock is reported with what to do.
     */
    @Override
    public List<PreflightProblem> preflight(BackupRequest request, RunContext context) {
        BorgSettings s = BorgSettings.from(request.target().settings());
        String fix = s.wrapper() != null
                ? "check 'wrapper' at " + request.target().settings().locate("wrapper") + ": it must exist and be executable"
                : Programs.aptInstall("borgbackup");
        Optional<PreflightProblem> missing = Programs.check(request.volume(), s.program(), fix, context.queryRunner());
        if (missing.isPresent()) {
            return List.of(missing.get());
        }
        BorgRun run = new BorgRun(s, request.target(), request.volume(), context);
        return run.probe(BorgCommands.probe(s), "pre-flight check")
                .map(said -> List.of(new PreflightProblem(request.volume(), "the repository of borg tool '"
                        + request.target().name() + "' does not answer: " + said)))
                .orElse(List.of());
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        BorgSettings s = BorgSettings.from(request.target().settings());
        // In a dry run a snapshot's mount point does not exist yet (nothing was mounted): show the commands anyway.
        if (!context.dryRun() && !Files.isDirectory(request.source())) {
            throw new RdumpException("borg backup of volume '" + request.volume() + "': source "
                    + request.source() + " is not a directory (missing or not mounted); check the volume's"
                    + " mount point or snapshot");
        }
        String name = request.archiveName();
        BorgRun run = new BorgRun(s, request.target(), request.volume(), context);
        CommandResult result = run.run(BorgCommands.create(s, request.source(), name), "create " + name);
        long files = -1;
        long bytes = -1;
        Map<String, String> details = new LinkedHashMap<>();
        if (!result.stdout().isBlank()) {
            try {
                BorgJsonParser.Created c = BorgJsonParser.created(result.stdout());
                files = c.files();
                bytes = c.originalSize();
                details.put("original_size", Long.toString(c.originalSize()));
                details.put("deduplicated_size", Long.toString(c.deduplicatedSize()));
                details.put("duration_seconds", Double.toString(c.durationSeconds()));
            } catch (IllegalArgumentException e) {
                context.logger("rdump.borg").warn("borg create printed no readable --json report: " + e.getMessage());
            }
        }
        Instant time = stampOf(name, request.volume()).orElse(context.clock().instant());
        return new BackupResult(new ArchiveInfo(name, request.volume(), time, details), files, bytes,
                run.warnings(result));
    }

    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        BorgSettings s = BorgSettings.from(target.settings());
        BorgRun run = new BorgRun(s, target, volume, context);
        CommandResult result = run.run(BorgCommands.list(s, volume), "list");
        if (result.stdout().isBlank()) {
            return List.of();
        }
        List<BorgJsonParser.Archive> archives;
        try {
            archives = BorgJsonParser.archives(result.stdout());
        } catch (IllegalArgumentException e) {
            throw new RdumpException("cannot read the archive list of borg tool '" + target.name() + "': "
                    + e.getMessage() + "; is '" + s.program() + "' borg 1.2 or later?", e);
        }
        List<ArchiveInfo> out = new ArrayList<>();
        for (BorgJsonParser.Archive a : archives) {
            Optional<Instant> t = stampOf(a.name(), volume);
            if (t.isPresent()) {
                out.add(new ArchiveInfo(a.name(), volume, a.name().substring(volume.length() + 1), t.get(),
                        Map.of("id", a.id(), "start", a.start())));
            }
        }
        out.sort(Comparator.comparing(ArchiveInfo::time).thenComparing(ArchiveInfo::id));
        return List.copyOf(out);
    }

    /**
     * The archives' {@code original_size} (the files' bytes before compression and deduplication),
     * from one {@code borg info --json --glob-archives '<volume>-*'} over all of the volume's
     * archives; empty when borg's report lacks them (the listing then shows {@code -}).
     */
    @Override
    public Map<String, Long> sizes(ToolTarget target, String volume, List<ArchiveInfo> archives, RunContext context) {
        BorgSettings s = BorgSettings.from(target.settings());
        CommandResult result = new BorgRun(s, target, volume, context).run(BorgCommands.info(s, volume), "info");
        if (result.stdout().isBlank()) {
            return Map.of();
        }
        try {
            return BorgJsonParser.originalSizes(result.stdout());
        } catch (IllegalArgumentException e) {
            throw new RdumpException("cannot read the archive statistics of borg tool '" + target.name() + "': "
                    + e.getMessage() + "; is '" + s.program() + "' borg 1.2 or later?", e);
        }
    }

    /** Extracts the archive into {@code scratch} (created if needed); the tree's root is {@code scratch}. */
    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        BorgSettings s = BorgSettings.from(target.settings());
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new RdumpException("cannot create the restore directory " + scratch + ": " + e, e);
        }
        BorgRun run = new BorgRun(s, target, archive.volume(), context);
        refuseEscapes(run, s, target, archive, List.of(), scratch);
        CommandResult r = run.run(BorgCommands.extract(s, archive.id(), scratch), "extract " + archive.id());
        for (String w : run.warnings(r)) {
            context.listener().onEvent(new RunEvent.Warning(archive.volume(), w));
        }
        return new RestoredTree(scratch, true);
    }

    /**
     * {@code borg extract --sparse --log-json ::ARCHIVE [pp:PATH...]} run in {@code into}: borg restores
     * only the named paths (as path prefixes, so no name is read as a pattern). A path borg
     * reports as never matched is not in the archive: an {@link RdumpException} naming it.
     */
    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        BorgSettings s = BorgSettings.from(target.settings());
        BorgRun run = new BorgRun(s, target, archive.volume(), context);
        refuseEscapes(run, s, target, archive, paths, into);
        CommandResult r = run.run(BorgCommands.extract(s, archive.id(), paths, into), "extract " + archive.id());
        for (String message : run.messageTexts()) {
            for (String p : paths) {
                if (message.equals("Include pattern '" + p + "' never matched.")) {
                    throw org.rdump.api.support.RestorePaths.missing(p, archive, target);
                }
            }
        }
        for (String w : run.warnings(r)) {
            context.listener().onEvent(new RunEvent.Warning(archive.volume(), w));
        }
    }

    /**
     * Lists the members an extract of {@code paths} would write and refuses, before anything is
     * written, one that would land outside {@code into} ({@link BorgMembers#escape}): borg 1.2
     * itself writes through a symlink member of the archive.
     */
    private static void refuseEscapes(BorgRun run, BorgSettings s, ToolTarget target, ArchiveInfo archive,
                                      List<String> paths, Path into) {
        CommandResult listed = run.run(BorgCommands.members(s, archive.id(), paths), "list " + archive.id());
        List<BorgMembers.Member> members;
        try {
            members = BorgMembers.parse(listed.stdout());
        } catch (IllegalArgumentException e) {
            throw new RdumpException("cannot read the member list of borg archive " + archive.id() + " in '"
                    + target.name() + "': " + e.getMessage(), e);
        }
        BorgMembers.escape(members, into).ifPresent(why -> {
            throw new RdumpException("borg archive " + archive.id() + " in '" + target.name() + "' holds a member"
                    + " that would be written outside " + into + ": " + why + "; nothing was extracted (rdump"
                    + " never stores such a path: the archive was not made by rdump, or was altered)");
        });
    }

    /**
     * Runs {@code borg prune} with the instance's {@code keep_*} settings over this volume's
     * archives only, then {@code borg compact} unless {@code compact: false}. Without a
     * {@code keep_*} setting nothing is pruned.
     */
    @Override
    public void prune(ToolTarget target, String volume, RunContext context) {
        prune(target, volume, PruneProtection.NONE, context);
    }

    /**
     * As {@link #prune(ToolTarget, String, RunContext)}, but when {@code protection} names an
     * archive (the newest one before a guard failure) that the {@code keep_*} rules would delete,
     * found with {@code borg prune --dry-run --list}, nothing is pruned and a warning says why:
     * borg's rules cannot exempt one archive, and deleting the others could remove what a rule
     * would have kept instead.
     */
    @Override
    public void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
        BorgSettings s = BorgSettings.from(target.settings());
        Optional<Command> prune = BorgCommands.prune(s, volume);
        if (prune.isEmpty()) {
            return;
        }
        if (!protection.keepNewestBefore().isEmpty()) {
            List<String> keep = protection.protectedAmong(list(target, volume, context)).stream()
                    .map(ArchiveInfo::id).toList();
            if (!keep.isEmpty()) {
                BorgRun dry = new BorgRun(s, target, volume, context);
                dry.run(BorgCommands.prune(s, volume, true).orElseThrow(), "prune --dry-run");
                List<String> hit = dry.messageTexts().stream().map(BorgJsonParser::wouldPrune)
                        .flatMap(Optional::stream).filter(keep::contains).toList();
                if (!hit.isEmpty()) {
                    context.listener().onEvent(new RunEvent.Warning(volume, "borg '" + target.name()
                            + "': prune skipped: it would delete " + String.join(", ", hit) + ", the newest archive"
                            + " before a guard failure of volume '" + volume + "'; it prunes again once a backup of"
                            + " the volume has passed every guard"));
                    return;
                }
            }
        }
        if (!protection.kept().isEmpty() && pruneAround(s, target, volume, protection, context)) {
            return;
        }
        BorgRun run = new BorgRun(s, target, volume, context);
        CommandResult r = run.run(prune.get(), "prune");
        if (s.compact()) {
            run.run(BorgCommands.compact(s), "compact");
        }
        for (String w : run.warnings(r)) {
            context.listener().onEvent(new RunEvent.Warning(volume, w));
        }
    }

    /**
     * When the {@code keep_*} rules would delete an archive {@code protection} keeps (found with
     * {@code borg prune --dry-run --list}, which also runs in a dry run): deletes the others the
     * rules would delete, one {@code borg delete} each, then compacts, and says which archive was
     * kept and why. Every archive a rule keeps still stays, and the kept one besides.
     *
     * @return whether it pruned (false: the rules keep every protected archive, prune as usual)
     */
    private boolean pruneAround(BorgSettings s, ToolTarget target, String volume, PruneProtection protection,
                                RunContext context) {
        Map<String, PruneProtection.Kept> kept = new java.util.LinkedHashMap<>();
        protection.kept().forEach(k -> kept.putIfAbsent(volume + "-" + STAMP.format(k.time()), k));
        BorgRun dry = new BorgRun(s, target, volume, context);
        dry.query(BorgCommands.prune(s, volume, true).orElseThrow(), "prune --dry-run");
        List<String> would = dry.messageTexts().stream().map(BorgJsonParser::wouldPrune)
                .flatMap(Optional::stream).toList();
        if (would.stream().noneMatch(kept::containsKey)) {
            return false;
        }
        BorgRun run = new BorgRun(s, target, volume, context);
        for (String archive : would) {
            if (kept.containsKey(archive)) {
                String line = "borg '" + target.name() + "': " + kept.get(archive).describe() + " (archive "
                        + archive + ", which the keep_* rules would prune)";
                context.listener().onEvent(context.dryRun() ? new RunEvent.DryRun(line) : new RunEvent.Report(volume, line));
                continue;
            }
            CommandResult r = run.run(BorgCommands.delete(s, archive), "delete " + archive);
            run.warnings(r).forEach(w -> context.listener().onEvent(new RunEvent.Warning(volume, w)));
            if (!context.dryRun()) {
                context.listener().onEvent(new RunEvent.Report(volume, "borg '" + target.name() + "': deleted "
                        + archive + " (keep_* rules)"));
            }
        }
        if (s.compact()) {
            run.run(BorgCommands.compact(s), "compact");
        }
        return true;
    }

    /** The time in an archive name {@code <volume>-<stamp>}, or empty when it is not one. */
    static Optional<Instant> stampOf(String archive, String volume) {
        if (!BorgCommands.isArchiveOf(archive, volume)) {
            return Optional.empty();
        }
        return Optional.of(Instant.from(STAMP.parse(archive.substring(volume.length() + 1))));
    }
}
