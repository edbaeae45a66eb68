package org.rdump.zfs.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.ToolTarget;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.support.RestorePaths;
import org.rdump.zfs.ZfsCommands;

/**
 * One restore of a stream: its chain checked and received into a scratch dataset
 * {@code POOL/rdump-stream-HEX} (journaled first, destroyed afterwards, also after a failure),
 * the wanted paths copied out of its mountpoint, the run's manifest put beside them. Used once.
 */
final class StreamRestore {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** zfs-fuse keeps a just-read mount busy for a few seconds. */
    private static final int DESTROY_ATTEMPTS = 12;
    private final ZfsCommands commands;
    private final StreamFiles files;
    private final ToolTarget target;
    private final ArchiveInfo archive;
    private final RunContext context;
    private final Path dir;

    StreamRestore(ZfsCommands commands, StreamFiles files, ToolTarget target, ArchiveInfo archive,
                  RunContext context) {
        this.commands = commands;
        this.files = files;
        this.target = target;
        this.archive = archive;
        this.context = context;
        this.dir = ZfsStreamTool.directory(target, archive.volume());
    }

    void into(List<String> paths, Path into) {
        List<StreamEntry> chain;
        try {
            chain = StreamIndex.read(dir).chainTo(archive.stamp());
        } catch (IllegalArgumentException e) {
            throw new RdumpException("zfs-stream '" + target.name() + "': " + e.getMessage() + " in " + dir, e);
        }
        if (!context.dryRun()) {
            chain.forEach(this::check);
        }
        StreamEntry last = chain.get(chain.size() - 1);
        String pool = last.dataset().split("/")[0];
        String scratch = pool + "/rdump-stream-" + HexFormat.of().toHexDigits(RANDOM.nextLong());
        List<String> exists = commands.exists(scratch).argv();
        Undo undo = context.undo().record(new Undo("zfs-dataset", scratch, archive.volume(), List.of(
                new UndoAction.Run(commands.host().wrap(List.of(commands.zfs(), "destroy", "-r", scratch)), exists,
                        scratch, DESTROY_ATTEMPTS))));
        try {
            for (int i = 0; i < chain.size(); i++) {
                Path file = dir.resolve(chain.get(i).file());
                // every stream after the full one rolls back what mounting may have changed (-F)
                Command receive = commands.receive(scratch, i > 0, false, false);
                if (context.dryRun()) {
                    context.listener().onEvent(new RunEvent.DryRun("  " + receive + " < " + file, receive.argv(),
                            List.of()));
                } else {
                    files.receive(context.runner(), receive, file);
                }
            }
            if (context.dryRun()) {
                return;
            }
            String mp = context.runner().run(commands.value("mountpoint", scratch)).stdout().strip();
            if (!mp.startsWith("/")) {
                throw new RdumpException("the scratch dataset " + scratch + " has mountpoint '" + mp + "'; give the"
                        + " pool's root dataset a mountpoint (zfs set mountpoint=/" + pool + " " + pool + ")");
            }
            Path root = Path.of(mp);
            RestorePaths.copy(root, paths, into, archive, target, context);
            String manifest = IntegrityStore.DEFAULT_MANIFEST;
            if (!last.manifest().isEmpty() && (paths.isEmpty() || paths.contains(manifest))) {
                Files.copy(dir.resolve(last.manifest()), into.resolve(manifest), StandardCopyOption.REPLACE_EXISTING);
            }
            Path readme = dir.resolve(last.readmeFile());
            if (paths.isEmpty() && Files.isRegularFile(readme)) {
                Files.copy(readme, into.resolve(StreamEntry.README), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new RdumpException("cannot copy the manifest of " + archive.id() + " into " + into + ": "
                    + e.getMessage(), e);
        } finally {
            context.undo().undo(undo, context);
        }
    }

    /** The stream file is there and has the SHA-256 the index recorded; otherwise a difference naming it. */
    private void check(StreamEntry e) {
        Path file = dir.resolve(e.file());
        String what = "zfs-stream '" + target.name() + "': stream " + file + " of backup " + archive.stamp()
                + " of volume " + archive.volume();
        if (!Files.isRegularFile(file)) {
            throw new DifferencesFoundException(what, new IntegrityReport(List.of(new IntegrityReport.Difference(
                    IntegrityReport.Change.REMOVED, file.toString(), "file", List.of())),
                    List.of("- " + file + ": the stream file is missing")));
        }
        String found = StreamFiles.sha256Of(file);
        if (!found.equals(e.sha256())) {
            throw new DifferencesFoundException(what, new IntegrityReport(List.of(new IntegrityReport.Difference(
                    IntegrityReport.Change.CHANGED, file.toString(), "file", List.of("sha256"))),
                    List.of("~ " + file + ": sha256 is " + found + ", the chain index recorded " + e.sha256()
                            + " (the file is damaged; restore it from a copy)")));
        }
    }
}
