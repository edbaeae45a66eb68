package org.rdump.rsync;

import java.nio.file.Path;
import java.util.List;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.ToolTarget;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.Trees;

/**
 * The restore side of {@link RsyncBackupTool}: finds the copy an archive names in each mode,
 * reads it in place, fetches it from another host, or composes a differential or batch copy into
 * scratch; and copies paths out of it. One per call; not thread-safe.
 */
final class CopyRestorer {
    private final RsyncSettings s;
    private final ToolTarget target;

    CopyRestorer(RsyncSettings s, ToolTarget target) {
        this.s = s;
        this.target = target;
    }

    /**
     * Copies the paths (all when none) from the copy or mirror into {@code into} with
     * {@code rsync -aH [-AX] --numeric-ids [--relative]} (see {@link RsyncCommands#restore}); each
     * path is checked to be in the copy first, reached without following a symlink.
     */
    void restorePaths(ArchiveInfo archive, List<String> paths, Path into, RunContext context) {
        CopyLayout copies = new CopyLayout(s.dest(), archive.volume());
        if (!s.store().readableInPlace() || s.mode() == RsyncSettings.Mode.DIFFERENTIAL
                && new DifferentialCopies(s, copies).isDifferential(archive.id(), context)
                || s.mode() == RsyncSettings.Mode.BATCH && new BatchCopies(s, copies).isBatch(archive.id(), context)) {
            restoreWhole(archive, paths, into, context);
            return;
        }
        Path root = restore(archive, into, context).root();
        for (String p : paths) {
            org.rdump.api.support.RestorePaths.requireIn(root, p, archive, target);
        }
        runRestore(RsyncCommands.restore(s, root, paths, into), context);
    }

    /**
     * A path restore from another host, or of a differential or batch copy: the whole copy is restored into a scratch directory
     * (journaled, deleted afterwards), each path checked there as for a local copy, then copied
     * into {@code into} as from a local one.
     */
    private void restoreWhole(ArchiveInfo archive, List<String> paths, Path into, RunContext context) {
        Path scratch = context.scratchDirectory().resolve("restore-all-" + target.name());
        Undo undo = context.undo().record(Undo.of("scratch", scratch.toString(), archive.volume(),
                new UndoAction.Delete(scratch)));
        try {
            Path root = restore(archive, scratch, context).root();
            if (!context.dryRun()) {
                for (String p : paths) {
                    org.rdump.api.support.RestorePaths.requireIn(root, p, archive, target);
                }
            }
            runRestore(RsyncCommands.restore(s, root, paths, into), context);
        } finally {
            if (!context.dryRun()) {
                Trees.delete(scratch);
            }
            context.undo().done(undo);
        }
    }

    static void runRestore(Command command, RunContext context) {
        try {
            context.runner().run(command);
        } catch (CommandFailedException e) {
            if (e.exitCode() < 0) {
                throw e;
            }
            throw new CommandFailedException(e.command(), e.exitCode(), e.stderrTail(), RsyncExit.hint(e.exitCode()));
        }
    }

    /**
     * A local copy or mirror is read in place; one on another host is fetched into
     * {@code scratch} with {@code rsync -s -e SSH} ({@link RestoredTree#inScratch()} true).
     */
    RestoredTree restore(ArchiveInfo archive, Path scratch, RunContext context) {
        CopyStore store = s.store();
        CopyLayout layout = new CopyLayout(s.dest(), archive.volume());
        Path root;
        if (s.mode() == RsyncSettings.Mode.MIRROR) {
            if (!archive.id().equals(RsyncBackupTool.MIRROR_ID) || layout.mirrorStamp(store, context).isEmpty()) {
                throw new RdumpException("no complete rsync mirror of volume '" + archive.volume() + "' in "
                        + store.display(s.dest()) + " (" + store.display(layout.mirrorMarker())
                        + " is missing: the last run did not finish)");
            }
            root = layout.volumeDir();
        } else if (s.mode() == RsyncSettings.Mode.DIFFERENTIAL && CopyLayout.isStamp(archive.id())
                && new DifferentialCopies(s, layout).isDifferential(archive.id(), context)) {
            new DifferentialCopies(s, layout).compose(archive.id(), scratch, context, (c, ctx) -> runRestore(c, ctx));
            return new RestoredTree(scratch, true);
        } else if (s.mode() == RsyncSettings.Mode.BATCH && CopyLayout.isStamp(archive.id())
                && new BatchCopies(s, layout).isBatch(archive.id(), context)) {
            new BatchCopies(s, layout).compose(archive.id(), scratch, context, (c, ctx) -> runRestore(c, ctx));
            return new RestoredTree(scratch, true);
        } else {
            if (!CopyLayout.isStamp(archive.id()) || !layout.completeCopies(store, context).contains(archive.id())) {
                throw new RdumpException("no complete dated copy '" + archive.id() + "' of volume '"
                        + archive.volume() + "' in " + store.display(layout.volumeDir())
                        + "; 'rdump list' shows the copies there are");
            }
            root = layout.copy(archive.id());
        }
        if (store.readableInPlace()) {
            return new RestoredTree(root, false);
        }
        if (!context.dryRun()) {
            CopyLayout.mkdirs(scratch);
        }
        runRestore(RsyncCommands.fetch(s, root, scratch), context);
        return new RestoredTree(scratch, true);
    }

}
