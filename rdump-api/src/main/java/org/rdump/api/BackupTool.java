package org.rdump.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Copies a frozen tree somewhere (a borg archive, an rsync mirror), lists what it holds, and
 * restores one backup for a test restore.
 *
 * <p>Contract: every program runs through {@code context.runner()}; secrets (passphrases) go in
 * the environment or on stdin, never in an argument vector or a log line. A backup followed by a
 * restore gives a byte-identical tree. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface BackupTool extends Plugin {

    /**
     * The keys a tool instance accepts under {@code tools:} (besides {@code type}). Core checks
     * each instance's settings against it when the configuration is loaded, and
     * {@code rdump config-reference} documents it. Pure and constant.
     *
     * @return the schema, never null
     */
    SettingsSchema schema();

    /**
     * Checks one instance's settings beyond what {@link #schema()} says (ranges, combinations,
     * formats), when the configuration is loaded: {@code rdump check-config} then finds every
     * setting that would fail a run, and nothing runs while one is wrong. The default accepts
     * whatever the schema accepts.
     *
     * @param target never null, already checked against {@link #schema()}
     * @throws ConfigException naming the position of each bad setting
     * @since 0.1
     */
    default void validate(ToolTarget target) {
    }

    /**
     * What an instance touches that another run must not use at the same time, as
     * {@code kind:identity} strings ({@link Step#resources()}): a borg repository
     * ({@code borg:/backup/borg}), an rsync destination ({@code rsync:/backup/mirror}). Every step
     * this tool's instance takes part in names them, so two configurations that share one do not
     * run at once. Pure and constant; the default is none.
     *
     * @param target never null
     * @return never null, possibly empty
     * @since 0.2
     */
    default List<String> resources(ToolTarget target) {
        return List.of();
    }

    /**
     * The steps that back up one volume. The default is a single BACKUP step calling
     * {@link #backup}; a tool that mirrors and then snapshots returns more. Called once per
     * volume and tool instance while planning, so it must not run anything.
     *
     * @param request what to back up; never null
     * @return the steps in the order they run, never null or empty
     */
    default List<Step> steps(BackupRequest request) {
        return List.of(new org.rdump.api.support.BackupStep(this, request));
    }

    /**
     * Checks, before a run changes anything, what would make {@link #backup} of this request fail:
     * the program is not installed, the repository does not answer, the destination is not
     * writable. Called once per request by {@link org.rdump.api.support.BackupStep#preflight}.
     * Must change nothing: read-only commands only, through {@link RunContext#queryRunner()}.
     * {@code request.source()} need not exist yet (a snapshot's mount point). The default finds
     * nothing wrong.
     *
     * @param request never null
     * @param context never null
     * @return never null, empty when nothing is wrong; each problem says what to do
     * @since 0.2
     */
    default List<PreflightProblem> preflight(BackupRequest request, RunContext context) {
        return List.of();
    }

    /**
     * Backs up {@code request.source()} to {@code request.target()}, under the name
     * {@link #storedAs} gives. Called once per volume and instance in a run, from the BACKUP step;
     * in a dry run every command goes to the recording runner and nothing is written.
     *
     * @param request what to back up; never null
     * @param context the run's runner, undo journal, listener and logger; never null
     * @return what was made and counted, never null
     * @throws RdumpException when the backup failed (not for warnings, which go in the result)
     */
    BackupResult backup(BackupRequest request, RunContext context);

    /**
     * The backups of one volume held by this instance, oldest first. A tool that knows a
     * backup's size without further work puts it in {@link ArchiveInfo#details()} as
     * {@value ArchiveInfo#SIZE} (bytes, decimal). Read-only: used by test restores, retention
     * and {@code rdump list}, also in dry runs.
     *
     * @param target the configured instance; never null
     * @param volume the volume's name; never null
     * @param context the run's context (read-only commands through its query runner); never null
     * @return the backups, oldest first; never null, empty when there are none
     * @throws RdumpException when the destination cannot be read
     */
    List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context);

    /**
     * The sizes in bytes of some of the backups {@link #list} returned, by {@link ArchiveInfo#id()},
     * for {@code rdump list}: only for those the tool can tell (the others show as {@code -}), and
     * in as few commands as the tool allows (one {@code borg info --json} over the volume's
     * archives, not one per archive). Read-only; called only by listings, never by a restore or
     * a prune, so a tool may spend a command here that {@link #list} should not. The default is
     * the {@value ArchiveInfo#SIZE} detail that {@link #list} set.
     *
     * @param target the configured instance; never null
     * @param volume the volume's name; never null
     * @param archives some of the backups {@link #list} returned for this volume; never null
     * @param context the run's context; never null
     * @return sizes in bytes by {@link ArchiveInfo#id()}, only for the backups the tool can tell;
     *     never null
     * @since 0.4
     */
    default java.util.Map<String, Long> sizes(ToolTarget target, String volume, List<ArchiveInfo> archives,
                                              RunContext context) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (ArchiveInfo a : archives) {
            a.size().ifPresent(n -> out.put(a.id(), n));
        }
        return out;
    }

    /**
     * Makes one backup readable for a test restore: extracts it into {@code scratch}, or returns
     * where it can be read in place. Called by a test restore ({@code rdump verify},
     * {@code backup --verify}) and by the default {@link #restorePaths}.
     *
     * @param target the configured instance; never null
     * @param archive the backup to restore, one of {@link #list}'s; never null
     * @param scratch an empty directory of the run's scratch space the tool may fill (it may not
     *     exist yet); the caller deletes it
     * @param context the run's context; never null
     * @return where the restored tree's root is and whether it is a copy; never null
     * @throws RdumpException when the backup cannot be read or extracted
     */
    RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context);

    /**
     * Gives back what {@link #restore} holds beyond the files of its scratch directory: a tool
     * that restores by attaching something (a loop device with a file system image, a mount, a
     * scratch dataset) unmounts and detaches it here, and marks the undo records it journaled for
     * them done. Called once after every successful {@link #restore}, by the test restore's
     * cleanup and by the default {@link #restorePaths}, before the caller deletes the scratch
     * directory; also when the check failed. Idempotent: a second call finds nothing to release.
     * The default releases nothing (the tree is plain files).
     *
     * @param target the instance {@link #restore} restored from; never null
     * @param tree what {@link #restore} returned; never null
     * @param context the run's context; never null
     * @throws RdumpException when something could not be released, naming it and how to release
     *     it by hand (the journal still holds it, so the next run retries)
     * @since 0.6
     */
    default void release(ToolTarget target, RestoredTree tree, RunContext context) {
    }

    /**
     * Whether this tool's backups are whole file-system images, which {@link #restoreImage} writes
     * back to a file or a block device. Pure and constant; the default is false.
     *
     * @return true for a tool whose backups are images
     * @since 0.6
     */
    default boolean restoresImage() {
        return false;
    }

    /**
     * Writes one backup's raw image to {@code to}: a new regular file (made by this call: it must
     * not exist yet) or an existing block device (a loop device, a partition) whose size is at
     * least the image's. The image is checked against the checksum recorded with it first, and
     * nothing is written when that fails. Called by a user's restore of a whole image; only when
     * {@link #restoresImage()} is true. Everything that outlives the call while it runs (a
     * partial file) is journaled.
     *
     * @param target never null
     * @param archive never null, one of {@link #list}'s
     * @param to never null: a file that does not exist yet (its directory must) or a block device
     * @param context never null
     * @throws RdumpException when the image cannot be read or written; a
     *     {@link DifferencesFoundException} when it does not match its recorded checksum
     * @since 0.6
     */
    default void restoreImage(ToolTarget target, ArchiveInfo archive, Path to, RunContext context) {
        throw new RdumpException(id() + " tool '" + target.name() + "' keeps trees, not images: restore "
                + archive.id() + " into a directory instead");
    }

    /**
     * Restores one backup, or the named paths of it, into {@code into} for a user's restore
     * ({@code rdump restore}): each path is a file or directory relative to the volume's root,
     * restored at the same relative place under {@code into} with its parent directories, owners,
     * modes, times, hard links (within what is restored) and symlinks (as links, never followed).
     * Called once per restore, with {@code into} an existing directory the caller chose (empty
     * unless the user gave {@code --overwrite}); nothing outside {@code into} and the context's
     * scratch directory is written. Everything runs through {@code context.runner()}, so that a
     * dry run shows the exact commands and changes nothing (the method then creates no
     * directories either).
     *
     * <p>The default restores the whole backup with {@link #restore} into a scratch directory
     * (journaled, deleted afterwards) and copies the paths from there with {@code cp -a --parents};
     * a tool that can restore a subset itself (borg's {@code extract PATH...}) should override it.
     *
     * @param target never null
     * @param archive never null, one of {@link #list}'s
     * @param paths never null; empty for the whole tree; each already checked by
     *     {@link org.rdump.api.support.RestorePaths#check}: relative, normalized, no {@code ..}
     * @param into never null, an existing directory
     * @param context never null
     * @throws RdumpException when the restore failed, or (tools that can tell before restoring)
     *     a path is not in the backup, naming it as {@link org.rdump.api.support.RestorePaths#missing} does
     * @since 0.4
     */
    default void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                              RunContext context) {
        Path scratch = context.scratchDirectory().resolve("restore-all-" + target.name());
        Undo undo = context.undo().record(Undo.of("scratch", scratch.toString(), archive.volume(),
                new UndoAction.Delete(scratch)));
        try {
            RestoredTree tree = restore(target, archive, scratch, context);
            try {
                org.rdump.api.support.RestorePaths.copy(tree.root(), paths, into, archive, target, context);
            } finally {
                release(target, tree, context);
            }
        } finally {
            if (!context.dryRun()) {
                org.rdump.api.support.Trees.delete(scratch);
            }
            context.undo().done(undo);
        }
    }

    /**
     * Where {@link #backup} stores {@code request}, as the plan text shows it: what
     * {@link #list} will call it and where to find it. The default is
     * {@link BackupRequest#archiveName()}; a tool that stores backups under another name says so.
     *
     * @param request never null
     * @return never null
     * @since 0.4
     */
    default String storedAs(BackupRequest request) {
        return request.archiveName();
    }

    /** Every kind of entry an rsure manifest knows. */
    java.util.Set<String> ALL_KINDS = java.util.Set.of("dir", "file", "lnk", "fifo", "sock", "chr", "blk");

    /**
     * The kinds of entry (as the manifest names them) this tool stores, so that a test restore
     * does not count as lost what the tool never keeps (borg stores no sockets). Default: all.
     *
     * @return a subset of {@link #ALL_KINDS}, never null
     * @since 0.2
     */
    default java.util.Set<String> keptKinds() {
        return ALL_KINDS;
    }

    /** Every property of a tree beyond kinds, modes, owners and times that a tool may keep. */
    java.util.Set<String> ALL_METADATA = java.util.Set.of("hardlinks", "xattrs", "sparse");

    /**
     * The properties of {@link #ALL_METADATA} a restore from {@code target} gives back:
     * {@code hardlinks} (entries linked in the source are linked again), {@code xattrs}
     * (extended attributes, ACLs among them), {@code sparse} (a sparse file is restored sparse:
     * it allocates far fewer blocks than its size). The testkit's {@code BackupToolContract}
     * checks each one declared, and checks that what is not declared is really not kept, so a
     * tool says what it loses rather than passing silently. Default: all.
     *
     * @param target never null, validated
     * @return never null, a subset of {@link #ALL_METADATA}
     * @since 0.4
     */
    default java.util.Set<String> keptMetadata(ToolTarget target) {
        return ALL_METADATA;
    }

    /**
     * The volume-relative paths a backup lacks by design although the manifest inside it lists
     * them (a ZFS snapshot lacks the README written only in the run's clone), so that a restore's
     * check does not count their absence as a difference. Pure; the default is none.
     *
     * @param archive never null, one of {@link #list}'s
     * @return never null, possibly empty
     * @since 0.4
     */
    default java.util.Set<String> notKept(ArchiveInfo archive) {
        return java.util.Set.of();
    }

    /**
     * Applies the instance's retention settings to one volume's backups, when nothing is
     * protected; the default keeps all. Tools that can keep chosen backups override
     * {@link #prune(ToolTarget, String, PruneProtection, RunContext)} instead.
     *
     * @param target the configured instance, with its retention settings; never null
     * @param volume the volume whose backups to prune; never null
     * @param context the run's context (in a dry run, deletions are only recorded); never null
     * @throws RdumpException when pruning failed
     */
    default void prune(ToolTarget target, String volume, RunContext context) {
    }

    /**
     * Applies the instance's retention settings to one volume's backups, never deleting what
     * {@code protection} names (the newest backup before each time a guard of the volume
     * failed, and the backups in {@link PruneProtection#kept()}, such as the newest one proven
     * restorable; core handles {@link PruneProtection#skipReason()} itself and then does not
     * call this). A tool that keeps a backup for a {@code kept} entry should report its
     * {@link PruneProtection.Kept#describe()} line (as a dry-run line in a dry run). Core calls this, once per run and tool instance, only after the volume's backup
     * to this instance succeeded in the run; never in a run in which a guard of the volume failed.
     *
     * <p>The default delegates to {@link #prune(ToolTarget, String, RunContext)} when nothing is
     * protected, and otherwise prunes nothing and warns: a tool that does not know which of its
     * backups retention would delete cannot promise to keep one. A tool that can should override
     * this method (and may leave the three-argument one to call it with
     * {@link PruneProtection#NONE}).
     *
     * @param target never null
     * @param volume never null
     * @param protection never null; {@link PruneProtection#NONE} when nothing is protected
     * @param context never null
     * @throws RdumpException when pruning failed
     * @since 0.3
     */
    default void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
        if (protection.isEmpty()) {
            prune(target, volume, context);
            return;
        }
        if (protection.keepNewestBefore().isEmpty()) {
            context.listener().onEvent(new RunEvent.Warning(volume, id() + " '" + target.name()
                    + "': retention skipped: it would have to keep " + String.join("; ", protection.kept().stream()
                    .map(PruneProtection.Kept::describe).toList()) + ", and this tool cannot keep a chosen backup"));
            return;
        }
        context.listener().onEvent(new RunEvent.Warning(volume, id() + " '" + target.name()
                + "': retention skipped: a guard of volume '" + volume + "' failed at "
                + protection.keepNewestBefore() + " and this tool cannot keep the newest backup made before"
                + " that; it prunes again once a backup of the volume passes every guard"));
    }
}
