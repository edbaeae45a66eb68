package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ConfigException;
import org.rdump.api.Phase;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.testkit.TestRunContext;

class ZfsStrategyTest {
    @TempDir
    Path tmp;

    final ZfsStrategy strategy = new ZfsStrategy();

    static VolumeSpec spec(Map<String, ?> settings, String... actions) {
        return new VolumeSpec("home", "zfs-volumes", Settings.of(settings), List.of(actions));
    }

    @Test
    void defaultsFollowTheOriginalLayout() {
        ZfsVolume v = ZfsVolume.from(spec(Map.of("dataset", "tank/home/dave")), "20261124T101500Z");
        assertThat(v.cloneDataset()).isEqualTo("tank/snaps/home/dave");
        assertThat(v.cloneMount()).isEqualTo(Path.of("/tank/snaps/home/dave"));
        assertThat(v.mount()).isEqualTo(Path.of("/tank/home/dave"));
        assertThat(v.fullSnapshot()).isEqualTo("tank/home/dave@20261124T101500Z");
        assertThat(v.rsureSnapshotName()).isEqualTo("tank/home/dave@20261124T101500Z-rsure");
        assertThat(ZfsVolume.defaultClone("tank")).isEqualTo("tank/snaps/tank");
    }

    @Test
    void cloneInsideTheDatasetIsAConfigError() {
        assertThatThrownBy(() -> ZfsVolume.from(spec(Map.of("dataset", "tank/home", "clone", "tank/home/c")), "s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outside tank/home");
    }

    @Test
    void planOrdersStepsByPhaseAndPassesTheCloneAndLiveMount() {
        FakePlanContext pc = new FakePlanContext("S1", tmp);
        List<Step> steps = strategy.plan(spec(Map.of("dataset", "tank/home", "rsure_snapshot", true,
                "snapshot_prefix", "rd-"), "rsure", "borg"), pc);
        assertThat(steps).extracting(Step::phase).containsExactly(Phase.SNAPSHOT, Phase.MOUNT, Phase.INTEGRITY,
                Phase.INTEGRITY, Phase.BACKUP);
        assertThat(steps).extracting(Step::describe).containsExactly(
                "zfs snapshot tank/home@rd-S1 (the backup's source; kept as backup history)",
                "zfs clone tank/home@rd-S1 to tank/snaps/home at /tank/snaps/home",
                "manifest of /tank/snaps/home",
                "zfs snapshot tank/home@rd-S1-rsure (keeps the updated manifest; kept as backup history)",
                "rsync /tank/snaps/home");
        assertThat(pc.calls).containsExactly("integrity /tank/snaps/home -> /tank/home", "backup /tank/snaps/home");
    }

    @Test
    void noRsureSnapshotWithoutIntegrity() {
        List<Step> steps = strategy.plan(spec(Map.of("dataset", "tank/home", "rsure_snapshot", true), "borg"),
                new FakePlanContext("S1", tmp));
        assertThat(steps).extracting(Step::phase).containsExactly(Phase.SNAPSHOT, Phase.MOUNT, Phase.BACKUP);
    }

    @Test
    void recordedCommandsOfSnapshotCloneAndCleanup() {
        RecordingCommandRunner r = new RecordingCommandRunner();
        TestRunContext ctx = TestRunContext.recording(r, tmp.resolve("s"));
        List<Step> steps = strategy.plan(spec(Map.of("dataset", "tank/home")), new FakePlanContext("S1", tmp));
        steps.get(0).perform(ctx);
        steps.get(1).perform(ctx);
        steps.get(1).cleanup(ctx);
        steps.get(0).cleanup(ctx);
        assertThat(r.argvs()).containsExactly(
                List.of("zfs", "snapshot", "tank/home@S1"),
                List.of("zfs", "clone", "-p", "-o", "mountpoint=/tank/snaps/home", "tank/home@S1", "tank/snaps/home"),
                List.of("zfs", "destroy", "tank/snaps/home"));
    }

    @Test
    void schemaNamesEveryKey() {
        assertThat(strategy.id()).isEqualTo("zfs-volumes");
        assertThat(strategy.schema().keys()).extracting(k -> k.name()).containsExactly("dataset", "mount", "clone",
                "clone_mount", "rsure_snapshot", "snapshot_prefix");
        assertThat(strategy.schema().key("dataset").orElseThrow().required()).isTrue();
    }
}
