package org.rdump.zfs.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.IntegrityStore;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;

/**
 * One run's stream: which snapshot, full or incremental, written through temporary names and
 * counted by the index write. Used once, from one thread.
 */
final class StreamBackup {
    /** Files a backup of this tool names: {@code <stamp>.full.zfs}, its {@code .sha256}, its manifest. */
    static final Pattern OURS = Pattern.compile("\\d{8}T\\d{6}Z\\.(full|incr)\\.zfs(\\.sha256|\\.2sure\\.dat\\.gz|\\.README-rdump-rsure\\.txt)?"
            + "|\\.\\d{8}T\\d{6}Z\\..*\\.partial");
    private final ZfsCommands commands;
    private final StreamFiles files;
    private final BackupRequest request;
    private final RunContext context;
    private final Path dir;

    StreamBackup(ZfsCommands commands, StreamFiles files, BackupRequest request, RunContext context) {
        this.commands = commands;
        this.files = files;
        this.request = request;
        this.context = context;
        this.dir = ZfsStreamTool.directory(request.target(), request.volume());
    }

    /** The decision for this run: the snapshot to send, and the base or null for a full stream. */
    record Decision(String snapshot, @Nullable String base, List<String> warnings) { }

    BackupResult run() {
        StreamIndex index = StreamIndex.read(dir);
        Optional<String> snapshot = runSnapshot(context.queryRunner());
        if (snapshot.isEmpty() && !context.dryRun()) {
            throw new RdumpException("zfs-stream '" + request.target().name() + "' backs up the snapshot of a"
                    + " zfs-volumes volume, but " + request.source() + " is not the mountpoint of a ZFS clone; use it"
                    + " in the actions of a zfs-volumes volume (volume " + request.volume() + ")");
        }
        String dataset = snapshot.map(s -> s.substring(0, s.indexOf('@')))
                .or(() -> index.last().map(StreamEntry::dataset)).orElse("DATASET");
        Decision d = decide(index, snapshot.orElse(dataset + "@<run snapshot>"), context.queryRunner());
        String kind = d.base() == null ? "full" : "incr";
        String stamp = request.runStamp();
        String file = stamp + "." + kind + ".zfs";
        Command send = commands.send(d.base(), d.snapshot(), false, false);
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  " + send + " > " + dir.resolve(file)
                    + (d.base() == null ? " (full stream)" : " (incremental from " + d.base() + ")"),
                    send.argv(), List.of()));
            d.warnings().forEach(w -> context.listener().onEvent(new RunEvent.DryRun("  (" + w + ")")));
            return new BackupResult(ZfsStreamTool.info(new StreamEntry(stamp, d.snapshot().replace("<run snapshot>",
                    "run"), d.base() == null ? "" : d.base(), file, 0, "0".repeat(64), "", ""), request.volume(), dir),
                    -1, -1, d.warnings());
        }
        if (index.find(stamp).isPresent()) {
            throw new RdumpException("the chain in " + dir + " already holds a stream of run " + stamp);
        }
        sweep(index);
        Path manifest = request.source().resolve(IntegrityStore.DEFAULT_MANIFEST);
        String manifestName = Files.isRegularFile(manifest) ? file + ".2sure.dat.gz" : "";
        Path partStream = dir.resolve("." + file + ".partial");
        Path partSum = dir.resolve("." + file + ".sha256.partial");
        Path partManifest = dir.resolve("." + file + ".2sure.dat.gz.partial");
        Path readme = request.source().resolve(StreamEntry.README);
        Path partReadme = dir.resolve("." + file + "." + StreamEntry.README + ".partial");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RdumpException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        // journaled before the first byte: recovery deletes the temporaries, never a counted stream
        Undo undo = context.undo().record(Undo.of("zfs-stream", partStream.toString(), request.volume(),
                new UndoAction.Delete(partStream), new UndoAction.Delete(partSum),
                new UndoAction.Delete(partManifest), new UndoAction.Delete(partReadme)));
        boolean counted = false;
        try {
            StreamFiles.Written w = files.send(context.runner(), send, partStream, request.volume(),
                    context.listener());
            StreamEntry entry = new StreamEntry(stamp, d.snapshot(), d.base() == null ? "" : d.base(), file,
                    w.size(), w.sha256(), manifestName, guid(d.snapshot(), context.runner()));
            StreamFiles.writeSmall(partSum, entry.checksumLine());
            if (!manifestName.isEmpty()) {
                Files.copy(manifest, partManifest, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partManifest, dir.resolve(manifestName), StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.isRegularFile(readme, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // in the clone and its manifest, not in the snapshot: kept beside the stream for restores
                Files.copy(readme, partReadme, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(partReadme, dir.resolve(entry.readmeFile()), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partSum, dir.resolve(entry.checksumFile()), StandardCopyOption.ATOMIC_MOVE);
            Files.move(partStream, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            index.with(entry).write(dir); // the stream counts from here
            counted = true;
            context.undo().done(undo);
            context.listener().onEvent(new RunEvent.Report(request.volume(), "zfs-stream '" + request.target().name()
                    + "': " + (entry.isFull() ? "full stream of " + entry.snapshot()
                    : "incremental stream " + entry.base() + " .. " + entry.snapshot()) + " to " + dir.resolve(file)
                    + " (" + org.rdump.api.support.ByteSizes.human(w.size()) + ", sha256 " + w.sha256() + ")"));
            return new BackupResult(ZfsStreamTool.info(entry, request.volume(), dir), -1, w.size(), d.warnings());
        } catch (IOException e) {
            throw new RdumpException("cannot write the stream files in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (!counted) {
                context.undo().undo(undo, context);
            }
        }
    }

    /**
     * Full when the index is empty or {@code full_every} is reached; otherwise incremental from the
     * newest stream's snapshot, unless that snapshot is gone (pruned, destroyed) or of another
     * dataset: then full, with a warning.
     */
    Decision decide(StreamIndex index, String snapshot, CommandRunner queries) {
        long fullEvery = request.target().settings().number("full_every", 7);
        if (index.fullDue(fullEvery)) {
            return new Decision(snapshot, null, List.of());
        }
        StreamEntry last = index.last().orElseThrow();
        String dataset = snapshot.substring(0, snapshot.indexOf('@'));
        List<String> warnings = new ArrayList<>();
        if (!last.dataset().equals(dataset)) {
            warnings.add("the newest stream in " + dir + " is of " + last.snapshot() + ", not of " + dataset
                    + "; writing a full stream, which starts a new chain");
            return new Decision(snapshot, null, warnings);
        }
        if (last.snapshot().equals(snapshot) || queries.executes() && !last.guid().isEmpty()
                && new ZfsClient(queries, commands).exists(last.snapshot())
                && !guid(last.snapshot(), queries).equals(last.guid())) {
            warnings.add("the base of the next incremental stream, " + last.snapshot() + " (of the stream "
                    + last.file() + "), is another snapshot now (the one sent was destroyed and its name taken"
                    + " again); writing a full stream, which starts a new chain");
            return new Decision(snapshot, null, warnings);
        }
        if (queries.executes() && !new ZfsClient(queries, commands).exists(last.snapshot())) {
            warnings.add("the base of the next incremental stream, " + last.snapshot() + " (of the stream "
                    + last.file() + "), no longer exists (pruned?); writing a full stream, which starts a new chain");
            return new Decision(snapshot, null, warnings);
        }
        return new Decision(snapshot, last.snapshot(), List.of());
    }

    /** A snapshot's {@code guid}; empty when zfs gives none. */
    private String guid(String snapshot, CommandRunner runner) {
        // -p: zfs-fuse prints a guid in human form (12.9E) without it
        Command get = Command.of(commands.host().wrap(List.of(commands.zfs(), "get", "-H", "-p", "-o", "value", "guid",
                snapshot))).accepting(0, 1);
        String v = runner.run(get).stdout().strip();
        return v.matches("[0-9]+") ? v : "";
    }

    /** The origin of the clone mounted at the request's source: this run's snapshot. */
    private Optional<String> runSnapshot(CommandRunner queries) {
        List<String> argv = commands.host().wrap(List.of(commands.zfs(), "list", "-H", "-o", "name,mountpoint,origin",
                "-t", "filesystem"));
        Path source = request.source().toAbsolutePath().normalize();
        for (String line : queries.run(Command.of(argv).accepting(0, 1)).stdoutLines()) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[1].startsWith("/") && Path.of(f[1]).normalize().equals(source)
                    && f[2].indexOf('@') > 0) {
                return Optional.of(f[2]);
            }
        }
        return Optional.empty();
    }

    /** Removes what a killed run left uncounted: temporaries, and stream files the index does not name. */
    private void sweep(StreamIndex index) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        java.util.Set<String> counted = index.files();
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (OURS.matcher(name).matches() && !counted.contains(name)) {
                    context.listener().onEvent(new RunEvent.Warning(request.volume(), "removing " + p
                            + ", left uncounted by a killed run"));
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new RdumpException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
