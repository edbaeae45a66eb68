package org.rdump.zfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.Phase;
import org.rdump.api.RdumpApi;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;

/**
 * Mirrors a frozen tree into a ZFS dataset and snapshots it (tool id {@code zfs-mirror}): the
 * original rdump's {@code zfs: {volume, mount}} key of a simple or LVM volume, which core turns
 * into a {@link ToolTarget} of this tool.
 *
 * <p>{@link #steps} gives two steps: MIRROR runs {@code rsync -aHx --delete SRC/. MOUNT/.}
 * (with {@code -AX} when {@code acls: true}; rsync's exit 24, files vanished during the copy, is
 * a warning), and MIRROR_SNAPSHOT runs {@code zfs snapshot VOLUME@<run stamp>}. Every snapshot
 * of the dataset is one backup: {@link #list} lists them (with the run stamp as their stamp), and
 * {@link #restore} and {@link #restorePaths} copy one out through a temporary clone
 * ({@link SnapshotReader}), so that {@code rdump list} and {@code rdump restore} read them like
 * any other destination. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ZfsMirror implements BackupTool {
    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("volume", Type.STRING, "The dataset the tree is mirrored into, e.g. lint/self/root."),
            Key.required("mount", Type.PATH, "Where that dataset is mounted."),
            Key.optional("acls", Type.BOOLEAN, "false", "Also copy ACLs and extended attributes (rsync -AX)."));

    private final ZfsCommands commands;

    /** For {@link java.util.ServiceLoader}. */
    public ZfsMirror() {
        this(ZfsCommands.local());
    }

    public ZfsMirror(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String id() {
        return "zfs-mirror";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "rsync a frozen tree into a ZFS dataset, then snapshot the dataset";
    }

    @Override
    public SettingsSchema schema() {
        return SCHEMA;
    }

    /** The rsync command of the MIRROR step. Pure. */
    public static Command rsync(Path source, Path mount, boolean acls) {
        List<String> argv = new ArrayList<>(List.of("rsync", "-aHx", "--delete"));
        if (acls) {
            argv.add("-AX");
        }
        argv.add(source + "/.");
        argv.add(mount + "/.");
        return Command.of(argv).accepting(0, 24);
    }

    @Override
    public List<Step> steps(BackupRequest request) {
        String dataset = request.target().settings().string("volume");
        return List.of(new MirrorStep(this, request), new SnapshotStep(this, request.volume(), dataset));
    }

    /** {@code zfs:DATASET}: the dataset the tree is mirrored into and snapshotted. */
    @Override
    public List<String> resources(ToolTarget target) {
        return List.of("zfs:" + target.settings().string("volume"));
    }

    /** Both halves at once: the mirror copy, then the snapshot. */
    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        BackupResult result = mirror(request, context);
        snapshot(request.target().settings().string("volume"), context);
        return result;
    }

    /** rsync and zfs are found, the dataset exists, and its mount point is a directory. */
    @Override
    public List<org.rdump.api.PreflightProblem> preflight(BackupRequest request, RunContext context) {
        Settings s = request.target().settings();
        String v = request.volume();
        List<org.rdump.api.PreflightProblem> out = new ArrayList<>();
        org.rdump.api.support.Programs.check(v, "rsync", org.rdump.api.support.Programs.aptInstall("rsync"),
                context.queryRunner()).ifPresent(out::add);
        if (commands.host() instanceof ZfsHost.Local) {
            org.rdump.api.support.Programs.check(v, commands.zfs(),
                    org.rdump.api.support.Programs.aptInstall("zfsutils-linux") + " or zfs-fuse",
                    context.queryRunner()).ifPresent(out::add);
        }
        if (!out.isEmpty() || !context.queryRunner().executes()) {
            return out;
        }
        String dataset = s.string("volume");
        if (!new ZfsClient(context.queryRunner(), commands).exists(dataset)) {
            out.add(new org.rdump.api.PreflightProblem(v, "the mirror dataset " + dataset + " does not exist; create"
                    + " it (zfs create " + dataset + ") or check 'volume' at " + s.locate("volume")));
        } else if (!Files.isDirectory(s.path("mount"))) {
            out.add(new org.rdump.api.PreflightProblem(v, "the mirror dataset's mount point " + s.path("mount")
                    + " is not a directory; check 'mount' at " + s.locate("mount")));
        }
        return out;
    }

    /** The MIRROR half: rsync into the dataset's mountpoint. */
    BackupResult mirror(BackupRequest request, RunContext context) {
        Settings s = request.target().settings();
        Path mount = s.path("mount");
        CommandResult r = context.runner().run(rsync(request.source(), mount, s.bool("acls", false)));
        List<String> warnings = r.exitCode() == 24
                ? List.of("rsync: some files vanished while " + request.source() + " was mirrored to " + mount)
                : List.of();
        ArchiveInfo info = new ArchiveInfo(s.string("volume") + "@" + context.runStamp(), request.volume(),
                context.clock().instant(), Map.of("mount", mount.toString()));
        return new BackupResult(info, -1, -1, warnings);
    }

    /** The MIRROR_SNAPSHOT half: {@code zfs snapshot DATASET@<run stamp>}. */
    String snapshot(String dataset, RunContext context) {
        String snap = dataset + "@" + context.runStamp();
        new ZfsClient(context.runner(), commands).snapshot(snap, false);
        return snap;
    }

    /**
     * Every snapshot of the dataset, oldest first. One that {@link #snapshot} named after a run
     * stamp ({@code DATASET@20261201T215133Z}) has that stamp and time, so it is the same backup
     * as the run's other destinations hold; any other (taken by hand, or by the original rdump)
     * has its creation time as stamp.
     */
    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        String dataset = target.settings().string("volume");
        ZoneId zone = context.clock().getZone();
        List<ArchiveInfo> out = new ArrayList<>();
        for (ZfsRow row : new ZfsClient(context.runner(), commands).listSnapshots(dataset, false)) {
            String name = row.snapshot().orElseThrow();
            Map<String, String> details = Map.of("snapshot", row.name());
            Optional<Instant> stamped = stampOf(name);
            out.add(stamped.isPresent() ? new ArchiveInfo(row.name(), volume, name, stamped.get(), details)
                    : new ArchiveInfo(row.name(), volume,
                            row.value("creation").flatMap(v -> ZfsValues.time(v, zone)).orElse(Instant.EPOCH), details));
        }
        return List.copyOf(out);
    }

    /** Each snapshot's {@code referenced} bytes, for {@code rdump list} ({@link ZfsHistory#sizes}). */
    @Override
    public Map<String, Long> sizes(ToolTarget target, String volume, List<ArchiveInfo> archives, RunContext context) {
        return new ZfsHistory(commands).sizes(archives, context);
    }

    /** The time of a snapshot named after a run stamp; empty for any other name. */
    static Optional<Instant> stampOf(String name) {
        try {
            return Optional.of(Instant.from(ArchiveInfo.STAMP.parse(name)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The whole snapshot {@code archive.id()} in {@code scratch/tree}, through a temporary clone. */
    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        return new ZfsHistory(commands).restore(target, ofDataset(target, archive), scratch, context);
    }

    /**
     * {@code paths} (all when empty) of the snapshot {@code archive.id()} into {@code into},
     * through a temporary clone ({@link SnapshotReader}); the mirrored tree holds its own
     * {@code 2sure.dat.gz}, so there is no companion.
     */
    @Override
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        new ZfsHistory(commands).restorePaths(target, ofDataset(target, archive), paths, into, context);
    }

    private static ArchiveInfo ofDataset(ToolTarget target, ArchiveInfo archive) {
        String dataset = target.settings().string("volume");
        if (!archive.id().startsWith(dataset + "@")) {
            throw new IllegalArgumentException("archive " + archive.id() + " is not a snapshot of " + dataset);
        }
        return new ArchiveInfo(archive.id(), archive.volume(), archive.stamp(), archive.time(),
                Map.of("snapshot", archive.id()));
    }

    /** MIRROR: the rsync copy. */
    private record MirrorStep(ZfsMirror tool, BackupRequest request) implements Step {
        @Override
        public Phase phase() {
            return Phase.MIRROR;
        }

        @Override
        public String volume() {
            return request.volume();
        }

        @Override
        public String describe() {
            return "rsync " + request.source() + " into " + request.target().settings().string("mount")
                    + " (" + request.target().settings().string("volume") + ")";
        }

        /** rsync and zfs are found, the dataset exists, and its mount point is a directory. */
        @Override
        public List<org.rdump.api.PreflightProblem> preflight(RunContext context) {
            return tool.preflight(request, context);
        }

        @Override
        public List<String> resources() {
            return tool.resources(request.target());
        }

        @Override
        public void perform(RunContext context) {
            BackupResult result = tool.mirror(request, context);
            result.warnings().forEach(w -> context.listener().onEvent(new RunEvent.Warning(request.volume(), w)));
        }
    }

    /** MIRROR_SNAPSHOT: {@code zfs snapshot VOLUME@<run stamp>}, kept as the mirror's history. */
    private record SnapshotStep(ZfsMirror tool, String volume, String dataset) implements Step {
        @Override
        public Phase phase() {
            return Phase.MIRROR_SNAPSHOT;
        }

        @Override
        public String describe() {
            return "zfs snapshot " + dataset + "@<run stamp> (the mirror's history; kept)";
        }

        @Override
        public List<String> resources() {
            return List.of("zfs:" + dataset);
        }

        @Override
        public void perform(RunContext context) {
            String snap = tool.snapshot(dataset, context);
            if (!context.dryRun()) {
                context.listener().onEvent(new RunEvent.Report(volume, "snapshot " + snap,
                        new org.rdump.api.Artifact(org.rdump.api.Artifact.Kind.SNAPSHOT, snap, dataset)));
            }
        }
    }
}
