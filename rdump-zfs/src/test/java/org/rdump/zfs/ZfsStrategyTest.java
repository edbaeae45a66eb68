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
import org.rdump.api.support.RecordingCommandRunner.Reply;
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
        ZfsVolume v = ZfsVolume.from(spec(Map.of("dataset", "tank/home/dave")));
        assertThat(v.cloneDataset()).isEqualTo("tank/snaps/home/dave");
        assertThat(v.cloneMount()).isEqualTo(Path.of("/tank/snaps/home/dave"));
        assertThat(v.mount()).isEqualTo(Path.of("/tank/home/dave"));
        assertThat(v.snapshotPrefix()).isEmpty();
        assertThat(v.prune()).isNull();
        assertThat(v.fullSnapshot("0001-202611241015")).isEqualTo("tank/home/dave@0001-202611241015");
        assertThat(ZfsVolume.defaultClone("tank")).isEqualTo("tank/snaps/tank");
    }

    @Test
    void withoutMountTheRealMountpointsAreUsedAndTheCloneGoesUnderThePools() {
        Map<String, Path> real = Map.of("tank", Path.of("/mnt/tank"), "tank/home/dave", Path.of("/srv/dave"));
        ZfsVolume v = ZfsVolume.from(spec(Map.of("dataset", "tank/home/dave")),
                ds -> java.util.Optional.ofNullable(real.get(ds)));
        assertThat(v.mount()).isEqualTo(Path.of("/srv/dave"));
        assertThat(v.cloneMount()).isEqualTo(Path.of("/mnt/tank/snaps/home/dave"));

        ZfsVolume given = ZfsVolume.from(spec(Map.of("dataset", "tank/home/dave", "mount", "/home/dave",
                "clone_mount", "/mnt/c")), ds -> java.util.Optional.ofNullable(real.get(ds)));
        assertThat(given.mount()).isEqualTo(Path.of("/home/dave"));
        assertThat(given.cloneMount()).isEqualTo(Path.of("/mnt/c"));
    }

    @Test
    void pruneAndPrefixAreRead() {
        ZfsVolume v = ZfsVolume.from(spec(Map.of("dataset", "tank/home", "snapshot_prefix", "rd",
                "prune", Map.of("daily", 7, "weekly", 4))));
        assertThat(v.prune()).isNotNull();
        assertThat(v.prune().prefix()).isEqualTo("rd");
        assertThat(v.prune().policy()).isEqualTo(new org.rdump.api.support.prune.PrunePolicy.TimeBuckets(0, 7, 4, 0, 0));
        assertThatThrownBy(() -> ZfsVolume.from(spec(Map.of("dataset", "tank/home", "snapshot_prefix", "a@b"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot_prefix");
    }

    @Test
    void cloneInsideTheDatasetIsAConfigError() {
        assertThatThrownBy(() -> ZfsVolume.from(spec(Map.of("dataset", "tank/home", "clone", "tank/home/c"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outside tank/home");
    }

    @Test
    void planOrdersStepsByPhaseAndPassesTheCloneAndLiveMount() {
        FakePlanContext pc = new FakePlanContext("S1", tmp);
        List<Step> steps = strategy.plan(spec(Map.of("dataset", "tank/home", "rsure_snapshot", true,
                "snapshot_prefix", "rd-", "prune", Map.of("hanoi", 8)), "rsure", "borg"), pc);
        assertThat(steps).extracting(Step::phase).containsExactly(Phase.SNAPSHOT, Phase.MOUNT, Phase.INTEGRITY,
                Phase.INTEGRITY, Phase.BACKUP, Phase.VERIFY);
        assertThat(steps).extracting(Step::describe).containsExactly(
                "zfs snapshot tank/home@rd-NNNN-YYYYMMDDHHMM (the backup's source; kept as backup history)",
                "zfs clone tank/home@rd-NNNN-YYYYMMDDHHMM to tank/snaps/home at /tank/snaps/home",
                "manifest of /tank/snaps/home",
                "zfs snapshot tank/home@rd-NNNN-YYYYMMDDHHMM-rsure (keeps the updated manifest; kept as backup history)",
                "rsync /tank/snaps/home",
                "prune snapshots of tank/home (hanoi 8; the newest, held ones and other names stay)");
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
        RecordingCommandRunner r = new RecordingCommandRunner(c -> String.join(" ", c.argv()).startsWith("zfs list")
                ? Reply.ok("tank/home\ntank/home@0006-202601010000\ntank/home@other\ntank/home/sub@0011-202601010000\n")
                : Reply.OK);
        TestRunContext ctx = TestRunContext.recording(r, tmp.resolve("s"));
        List<Step> steps = strategy.plan(spec(Map.of("dataset", "tank/home")),
                new FakePlanContext("20261124T101500Z", tmp));
        steps.get(0).perform(ctx);
        steps.get(1).perform(ctx);
        steps.get(1).cleanup(ctx);
        steps.get(0).cleanup(ctx);
        assertThat(r.argvs()).containsExactly(
                List.of("zfs", "list", "-H", "-t", "all", "-r", "-o", "name", "tank/home"),
                List.of("zfs", "snapshot", "tank/home@0012-202611241015"),
                List.of("zfs", "clone", "-p", "-o", "mountpoint=/tank/snaps/home", "tank/home@0012-202611241015",
                        "tank/snaps/home"),
                List.of("zfs", "destroy", "tank/snaps/home"));
        assertThat(steps.get(1).describe()).isEqualTo("zfs clone tank/home@0012-202611241015 to tank/snaps/home at"
                + " /tank/snaps/home");
    }

    @Test
    void schemaNamesEveryKey() {
        assertThat(strategy.id()).isEqualTo("zfs-volumes");
        assertThat(strategy.schema().keys()).extracting(k -> k.name()).containsExactly("dataset", "mount", "clone",
                "clone_mount", "rsure_snapshot", "snapshot_prefix", "prune");
        assertThat(strategy.schema().key("dataset").orElseThrow().required()).isTrue();
    }

    @Test
    void everyZfsStepNamesTheDatasetsAndTheCloneMountItTouches() {
        List<Step> steps = strategy.plan(spec(Map.of("dataset", "tank/home", "rsure_snapshot", true,
                "prune", Map.of("hanoi", 8)), "rsure", "borg"), new FakePlanContext("S1", tmp));
        assertThat(steps).filteredOn(s -> s.getClass().getSimpleName().startsWith("Zfs"))
                .extracting(Step::resources).containsExactly(
                        List.of("zfs:tank/home"),
                        List.of("zfs:tank/home", "zfs:tank/snaps/home", "mount:/tank/snaps/home"),
                        List.of("zfs:tank/home"),
                        List.of("zfs:tank/home"));
    }
}
