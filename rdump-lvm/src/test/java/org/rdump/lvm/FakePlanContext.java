package org.rdump.lvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Phase;
import org.rdump.api.PlanContext;
import org.rdump.api.PluginException;
import org.rdump.api.RunContext;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.Command;

/**
 * Core's side of planning, faked: the integrity step runs {@code fake-integrity TREE LIVE}, the
 * backup step {@code fake-backup TREE}, and a volume with a {@code zfs} key also gets a MIRROR
 * step running {@code fake-mirror TREE}, each through the run's runner (so that they appear in
 * the stand-ins' call log, in order).
 */
final class FakePlanContext implements PlanContext {

    /** A step that runs one program and leaves nothing to clean up. */
    record ProgramStep(Phase phase, String volume, List<String> argv) implements Step {
        @Override
        public String describe() {
            return String.join(" ", argv);
        }

        @Override
        public void perform(RunContext context) {
            context.runner().run(Command.of(argv));
        }
    }

    @Override
    public String runStamp() {
        return "20261124T101500Z";
    }

    @Override
    public List<Step> integritySteps(VolumeSpec volume, Path tree, @Nullable Path copyBackTo) {
        if (!volume.wantsIntegrity()) {
            return List.of();
        }
        return List.of(new ProgramStep(Phase.INTEGRITY, volume.name(),
                List.of("fake-integrity", tree.toString(), String.valueOf(copyBackTo))));
    }

    @Override
    public List<Step> backupSteps(VolumeSpec volume, Path source) {
        List<Step> steps = new ArrayList<>();
        if (volume.actions().contains("borg")) {
            steps.add(new ProgramStep(Phase.BACKUP, volume.name(), List.of("fake-backup", source.toString())));
        }
        if (volume.settings().has("zfs")) {
            steps.add(new ProgramStep(Phase.MIRROR, volume.name(), List.of("fake-mirror", source.toString())));
        }
        return steps;
    }

    @Override
    public SnapshotProvider snapshotProvider(String id) {
        throw new PluginException(id, "the lvm strategy must not need another provider");
    }
}
