package org.rdump.zfs.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.ConfigException;
import org.rdump.api.PreflightProblem;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpApi;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.Programs;
import org.rdump.zfs.ZfsCommands;

/**
 * Tool {@code zfs-stream}: {@code zfs send} of each run's snapshot of a {@code zfs-volumes}
 * volume to a file under {@code dest/<volume>/}, full or incremental, as an offline chain that
 * {@code zfs receive} restores (see the package comment). Used as an action of a
 * {@code zfs-volumes} volume: the run's snapshot is the origin of the clone the backup reads.
 * Stateless and thread-safe.
 *
 * @since 0.5
 */
public final class ZfsStreamTool implements BackupTool {
    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("dest", Type.PATH, "Directory that holds one chain of stream files per volume"
                    + " (DEST/VOLUME/chain.json and the streams)."),
            Key.optional("full_every", Type.INTEGER, "7", "Write a full stream when the newest chain has this many"
                    + " streams (1: every stream is full); the others are incremental from the stream before."),
            Key.optional("keep", Type.INTEGER, "2", "How many whole chains (a full stream and its incrementals)"
                    + " retention keeps, the newest."),
            Key.optional("keep_verified", Type.BOOLEAN, "true", "Never delete the chain of the newest stream proven"
                    + " restorable by a full test restore (per the ledger), even when older than keep; if the ledger"
                    + " cannot be read, prune nothing."));

    private final ZfsCommands commands;
    private final StreamFiles files;

    /** For {@link java.util.ServiceLoader}: {@code zfs} from PATH. */
    public ZfsStreamTool() {
        this(ZfsCommands.local());
    }

    /**
     * A tool running {@code commands}' zfs (on this machine).
     *
     * @param commands never null
     */
    public ZfsStreamTool(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.files = new StreamFiles(Duration.ofSeconds(2));
    }

    @Override
    public String id() {
        return "zfs-stream";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "zfs send streams of a zfs-volumes volume's snapshots to files: full and incremental, restored with"
                + " zfs receive";
    }

    @Override
    public SettingsSchema schema() {
        return SCHEMA;
    }

    /** {@code full_every} and {@code keep} are at least 1. */
    @Override
    public void validate(ToolTarget target) {
        Settings s = target.settings();
        for (String key : List.of("full_every", "keep")) {
            long n = s.number(key, 1);
            if (n < 1) {
                throw new ConfigException(s.locate(key), "'" + key + "' must be 1 or more, found " + n);
            }
        }
    }

    /** {@code zfs-stream:DEST}. */
    @Override
    public List<String> resources(ToolTarget target) {
        return List.of("zfs-stream:" + target.settings().path("dest"));
    }

    /** The volume's directory of streams. */
    static Path directory(ToolTarget target, String volume) {
        return target.settings().path("dest").resolve(volume);
    }

    @Override
    public String storedAs(BackupRequest request) {
        return directory(request.target(), request.volume()) + "/" + request.runStamp() + ".{full,incr}.zfs";
    }

    /** zfs is found, and the destination's chain index (if any) can be read. */
    @Override
    public List<PreflightProblem> preflight(BackupRequest request, RunContext context) {
        List<PreflightProblem> out = new ArrayList<>();
        Programs.check(request.volume(), commands.zfs(), Programs.aptInstall("zfsutils-linux") + " or zfs-fuse",
                context.queryRunner()).ifPresent(out::add);
        try {
            StreamIndex.read(directory(request.target(), request.volume()));
        } catch (org.rdump.api.RdumpException e) {
            out.add(new PreflightProblem(request.volume(), e.getMessage()));
        }
        return out;
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        return new StreamBackup(commands, files, request, context).run();
    }

    /** One stream per entry of the volume's {@code chain.json}, oldest first. */
    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        Path dir = directory(target, volume);
        List<ArchiveInfo> out = new ArrayList<>();
        for (StreamEntry e : StreamIndex.read(dir).streams()) {
            out.add(info(e, volume, dir));
        }
        return List.copyOf(out);
    }

    /** The backup a stream is. */
    static ArchiveInfo info(StreamEntry e, String volume, Path dir) {
        Map<String, String> d = new HashMap<>();
        d.put(ArchiveInfo.SHA256, e.sha256());
        d.put(ArchiveInfo.SIZE, Long.toString(e.size()));
        d.put("file", dir.resolve(e.file()).toString());
        d.put("where", dir.resolve(e.file()).toString());
        d.put("snapshot", e.snapshot());
        d.put("kind", e.isFull() ? "full" : "incremental");
        if (!e.isFull()) {
            d.put("base", e.base());
        }
        Instant time = Instant.from(ArchiveInfo.STAMP.parse(e.stamp()));
        return new ArchiveInfo(e.file(), volume, e.stamp(), time, d);
    }

    /** The chain up to {@code archive}, received into a scratch dataset and copied to {@code scratch/tree}. */
    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        Path tree = scratch.resolve("tree");
        if (!context.dryRun()) {
            try {
                java.nio.file.Files.createDirectories(tree);
            } catch (java.io.IOException e) {
                throw new org.rdump.api.RdumpException("cannot create " + tree + ": " + e.getMessage(), e);
            }
        }
        restorePaths(target, archive, List.of(), tree, context);
        return new RestoredTree(tree, true);
    }

    /** {@code paths} (all when empty) of the chain up to {@code archive}, through a scratch dataset. */
    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        new StreamRestore(commands, files, target, archive, context).into(paths, into);
    }

    /**
     * Keeps the newest {@code keep} chains and every chain holding a protected stream; removes the
     * others' entries from the index first (so a kill never leaves a counted stream without its
     * file), then their files.
     */
    @Override
    public void prune(ToolTarget target, String volume, RunContext context) {
        prune(target, volume, PruneProtection.NONE, context);
    }

    @Override
    public void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
        Path dir = directory(target, volume);
        StreamIndex index = StreamIndex.read(dir);
        List<ArchiveInfo> all = list(target, volume, context);
        Set<String> keep = new LinkedHashSet<>();
        protection.protectedAmong(all).forEach(a -> keep.add(a.stamp()));
        for (ArchiveInfo a : all) {
            protection.keptFor(a.time()).ifPresent(k -> {
                keep.add(a.stamp());
                String line = id() + " '" + target.name() + "' keeps the chain of " + a.id() + ": " + k.describe();
                context.listener().onEvent(context.dryRun() ? new RunEvent.DryRun(line)
                        : new RunEvent.Report(volume, line));
            });
        }
        StreamIndex kept = index.retain(target.settings().number("keep", 2), keep);
        List<StreamEntry> gone = index.streams().stream().filter(e -> !kept.streams().contains(e)).toList();
        if (gone.isEmpty()) {
            return;
        }
        if (context.dryRun()) {
            gone.forEach(e -> context.listener().onEvent(new RunEvent.DryRun("would delete stream " + dir.resolve(e.file()))));
            return;
        }
        kept.write(dir);
        Set<String> still = kept.files();
        for (StreamEntry e : gone) {
            for (String f : List.of(e.file(), e.checksumFile(), e.manifest(), e.readmeFile())) {
                if (!f.isEmpty() && !still.contains(f)) {
                    org.rdump.api.support.Trees.delete(dir.resolve(f));
                }
            }
            context.listener().onEvent(new RunEvent.Report(volume, "deleted stream " + dir.resolve(e.file())));
        }
    }
}
