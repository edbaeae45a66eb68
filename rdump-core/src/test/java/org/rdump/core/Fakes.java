package org.rdump.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.ManifestVersion;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.Command;
import org.rdump.api.support.BackupStep;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.simple.SimpleStrategy;

/** Plugins for core's tests: they run real commands through the runner, so dry runs show them. */
public final class Fakes {
    private Fakes() {
    }

    /** A copy tool: {@code cp -a SRC DEST/NAME}. */
    public static final class CopyTool extends CopyToolBase {
    }

    /** {@link CopyTool}, open for tests that override a method. */
    public static class CopyToolBase implements BackupTool {
        @Override
        public String id() {
            return "copy";
        }

        @Override
        public String apiVersion() {
            return RdumpApi.VERSION;
        }

        @Override
        public String description() {
            return "test tool: cp -a";
        }

        @Override
        public SettingsSchema schema() {
            return SettingsSchema.of(Key.required("dest", Type.PATH, "where copies go"),
                    Key.choice("mode", false, "mirror", "how", "mirror", "versioned"),
                    Key.optional("keep", Type.INTEGER, "7", "how many"),
                    Key.optional("fail", Type.BOOLEAN, "false", "fail on purpose"));
        }

        /** As rdump-rsync: keep counts copies, so it is at least 1. */
        @Override
        public void validate(ToolTarget target) {
            long keep = target.settings().number("keep", 7);
            if (keep < 1) {
                throw new org.rdump.api.ConfigException(target.settings().locate("keep"),
                        "expected a number of copies from 1 up, found " + keep);
            }
        }

        @Override
        public List<Step> steps(BackupRequest request) {
            return List.of(new BackupStep(this, request));
        }

        @Override
        public BackupResult backup(BackupRequest request, RunContext context) {
            Path dest = request.target().settings().path("dest").resolve(request.archiveName());
            if (request.target().settings().bool("fail", false)) {
                context.runner().run(Command.of("false"));
            }
            context.runner().run(Command.of("cp", "-a", request.source().toString(), dest.toString()));
            return new BackupResult(new ArchiveInfo(request.archiveName(), request.volume(), Instant.EPOCH, Map.of()),
                    -1, -1, List.of());
        }

        @Override
        public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
            return List.of();
        }

        @Override
        public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
            return new RestoredTree(target.settings().path("dest").resolve(archive.id()), false);
        }
    }

    /** A store that records its calls. */
    public static final class RecordingStore implements IntegrityStore {
        public final List<String> calls = new ArrayList<>();

        @Override
        public String id() {
            return "rsure";
        }

        @Override
        public String apiVersion() {
            return RdumpApi.VERSION;
        }

        @Override
        public String description() {
            return "test store";
        }

        @Override
        public ManifestUpdate update(Path tree, Path manifest, Map<String, String> tags, RunContext context) {
            calls.add("update " + tree);
            return new ManifestUpdate(new ManifestVersion(1, tags.get("name"), Instant.EPOCH, Map.of()), 0, 0, 0, 0, 0,
                    0, java.time.Duration.ZERO);
        }

        @Override
        public IntegrityReport check(Path tree, Path manifest, Version version, Set<String> ignore,
                                     RunContext context) {
            return new IntegrityReport(List.of(), List.of());
        }

        @Override
        public List<ManifestVersion> versions(Path manifest) {
            return List.of();
        }
    }

    /** A snapshotting strategy whose steps run {@code snap-create}/{@code snap-remove} commands. */
    public static final class SnapStrategy implements Strategy {
        @Override
        public String id() {
            return "snapvol";
        }

        @Override
        public String apiVersion() {
            return RdumpApi.VERSION;
        }

        @Override
        public String description() {
            return "test strategy with a snapshot";
        }

        @Override
        public SettingsSchema schema() {
            return SettingsSchema.of(Key.required("mount", Type.PATH, "live mount"),
                    Key.required("snap", Type.PATH, "snapshot mount"),
                    Key.optional("size", Type.SIZE, "5g", "snapshot size"));
        }

        @Override
        public List<Step> plan(VolumeSpec volume, PlanContext context) {
            Path snap = volume.settings().path("snap");
            List<Step> steps = new ArrayList<>();
            steps.add(new TestSteps.CommandStep(org.rdump.api.Phase.SNAPSHOT, volume.name(), "snapshot " + volume.name(),
                    Command.of("snap-create", volume.name(), volume.settings().string("size", "5g")),
                    Command.of("snap-remove", volume.name())));
            steps.add(new TestSteps.CommandStep(org.rdump.api.Phase.MOUNT, volume.name(), "mount the snapshot on " + snap,
                    Command.of("mount", "/dev/snap/" + volume.name(), snap.toString()), Command.of("umount", snap.toString())));
            steps.addAll(context.integritySteps(volume, snap, volume.settings().path("mount")));
            steps.addAll(context.backupSteps(volume, snap));
            return steps;
        }
    }

    /** Stands for rdump-zfs's replication strategy (id {@code zfs}). */
    public static final class ReplicationStrategy implements Strategy {
        @Override
        public String id() {
            return "zfs";
        }

        @Override
        public String apiVersion() {
            return RdumpApi.VERSION;
        }

        @Override
        public String description() {
            return "test replication";
        }

        @Override
        public SettingsSchema schema() {
            return SettingsSchema.of();
        }

        @Override
        public List<Step> plan(VolumeSpec volume, PlanContext context) {
            return List.of(new TestSteps.CommandStep(org.rdump.api.Phase.MIRROR_SNAPSHOT, volume.name(),
                    "replicate " + volume.name(), Command.of("zfs-send", volume.name()), Command.of("true")));
        }
    }

    public static PluginRegistry registry() {
        return PluginRegistry.of(new SimpleStrategy(), new SnapStrategy(), new CopyTool(), new RecordingStore(),
                new ReplicationStrategy());
    }
}
