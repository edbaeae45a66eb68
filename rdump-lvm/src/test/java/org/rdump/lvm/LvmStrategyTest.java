package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.Phase;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.testkit.TestRunContext;

/** Planning, descriptions, configuration checks and the dry run of the lvm strategy: no programs run. */
class LvmStrategyTest {
    private final LvmStrategy strategy = new LvmStrategy();

    static Map<String, Object> settings(Object... extra) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mount", "/");
        s.put("snap", "/mnt/snap/root");
        s.put("vg", "vg0");
        s.put("lv", "root");
        s.put("lv_snap", "root_snap");
        s.put("fs", "xfs");
        for (int i = 0; i < extra.length; i += 2) {
            s.put((String) extra[i], extra[i + 1]);
        }
        return s;
    }

    static VolumeSpec volume(Map<String, Object> settings, String... actions) {
        return new VolumeSpec("root", "lvm", Settings.of(settings), List.of(actions));
    }

    private List<Step> plan(VolumeSpec v) {
        return strategy.plan(v, new FakePlanContext());
    }

    @Nested
    class Planning {
        @Test
        void stepsAndPhasesInOrder() {
            List<Step> steps = plan(volume(settings(), "snap", "rsure", "borg"));

            assertThat(steps).extracting(Step::phase).containsExactly(
                    Phase.SNAPSHOT, Phase.MOUNT, Phase.INTEGRITY, Phase.BACKUP, Phase.BACKUP);
            assertThat(steps).extracting(Step::volume).containsOnly("root");
        }

        @Test
        void describeLinesAreReadable() {
            List<Step> steps = plan(volume(settings("mount_options", List.of("norecovery")), "snap", "rsure", "borg"));

            assertThat(steps).extracting(Step::describe).containsExactly(
                    "snapshot vg0/root as vg0/root_snap (5g copy-on-write)",
                    "mount /dev/vg0/root_snap on /mnt/snap/root (-o nouuid,noatime,norecovery)",
                    "fake-integrity /mnt/snap/root /",
                    "fake-backup /mnt/snap/root",
                    "check that snapshot vg0/root_snap did not overflow while it was read");
        }

        @Test
        void thinSnapshotIsDescribedAsThin() {
            assertThat(plan(volume(settings("thin", true, "fs", "ext4"), "borg")).get(0).describe())
                    .isEqualTo("snapshot vg0/root as vg0/root_snap (thin)");
            assertThat(plan(volume(settings("fs", "ext4"), "borg")).get(1).describe())
                    .isEqualTo("mount /dev/vg0/root_snap on /mnt/snap/root (-o noatime)");
        }

        @Test
        void checkComesAfterTheMirrorWhenTheVolumeIsMirrored() {
            Map<String, Object> s = settings("zfs", Map.of("volume", "tank/root", "mount", "/tank/root"));

            List<Step> steps = plan(volume(s, "snap", "rsure", "borg"));

            assertThat(steps).extracting(Step::phase).containsExactly(
                    Phase.SNAPSHOT, Phase.MOUNT, Phase.INTEGRITY, Phase.BACKUP, Phase.MIRROR, Phase.MIRROR);
            assertThat(steps.get(5)).isInstanceOf(OverflowCheckStep.class);
        }

        @Test
        void checkFollowsTheIntegrityUpdateWhenNothingIsBackedUp() {
            List<Step> steps = plan(volume(settings(), "snap", "rsure"));

            assertThat(steps).extracting(Step::phase).containsExactly(
                    Phase.SNAPSHOT, Phase.MOUNT, Phase.INTEGRITY, Phase.INTEGRITY);
        }

        @Test
        void noCheckWhenNothingReadsTheSnapshot() {
            assertThat(plan(volume(settings(), "snap"))).extracting(Step::phase)
                    .containsExactly(Phase.SNAPSHOT, Phase.MOUNT);
        }

        @Test
        void dryRunRecordsTheWholeSequenceAndChangesNothing(@TempDir Path tmp) {
            RecordingCommandRunner recorder = new RecordingCommandRunner();
            TestRunContext dry = new TestRunContext(recorder, Clock.systemUTC(), true, "x", tmp);

            StepSequence.Outcome outcome = StepSequence.run(plan(volume(settings(), "borg")), dry);

            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
            assertThat(recorder.argvs()).containsExactly(
                    List.of("lvcreate", "-L", "5g", "-s", "-n", "root_snap", "vg0/root"),
                    List.of("mkdir", "-p", "/mnt/snap/root"),
                    List.of("mount", "-o", "nouuid,noatime", "/dev/vg0/root_snap", "/mnt/snap/root"),
                    List.of("fake-backup", "/mnt/snap/root"),
                    List.of("lvs", "--reportformat", "json", "-o", LvmCommands.REPORT_FIELDS, "vg0/root_snap"),
                    List.of("mountpoint", "-q", "/mnt/snap/root"),
                    List.of("umount", "/mnt/snap/root"),
                    List.of("lvremove", "-f", "vg0/root_snap"));
        }
    }

    @Nested
    class Configuration {
        @Test
        void schemaHasTheOriginalKeysAndTheExtensions() {
            SettingsSchema schema = strategy.schema();

            assertThat(schema.keys()).extracting(SettingsSchema.Key::name).containsExactly(
                    "mount", "snap", "vg", "lv", "lv_snap", "fs", "size", "thin", "mount_options", "zfs");
            assertThat(schema.key("size").orElseThrow().defaultValue()).isEqualTo("5g");
            assertThat(schema.key("size").orElseThrow().type()).isEqualTo(SettingsSchema.Type.SIZE);
            assertThat(schema.key("thin").orElseThrow().defaultValue()).isEqualTo("false");
            assertThat(schema.key("zfs").orElseThrow().nested().keys()).extracting(SettingsSchema.Key::name)
                    .containsExactly("volume", "mount");
            assertThat(schema.keys()).filteredOn(SettingsSchema.Key::required).extracting(SettingsSchema.Key::name)
                    .containsExactly("mount", "snap", "vg", "lv", "lv_snap", "fs");
        }

        @Test
        void everyProblemIsReportedAtOnceWithItsPosition() {
            Map<String, Object> bad = settings("lv", "root", "lv_snap", "root", "vg", "-ff", "snap", "mnt/snap",
                    "mount_options", List.of("ro,nosuid"));

            assertThatThrownBy(() -> plan(volume(bad, "borg")))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                            new ConfigProblem("<code> vg", "'-ff' is not an LVM name: use letters, digits and"
                                    + " + _ . - and do not start with -"),
                            new ConfigProblem("<code> lv_snap", "must differ from lv ('root'): the snapshot needs"
                                    + " a name of its own"),
                            new ConfigProblem("<code> snap", "expected an absolute path, found 'mnt/snap'"),
                            new ConfigProblem("<code> mount_options", "each mount option is one word without commas,"
                                    + " found 'ro,nosuid'")));
        }

        @Test
        void snapshotMountPointMustNotBeTheLiveMount() {
            assertThatThrownBy(() -> plan(volume(settings("snap", "/"), "borg")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalid configuration: <code> snap: must differ from mount ('/'): the snapshot is"
                            + " mounted in a directory of its own");
        }
    }

    @Test
    void registeredAsAStrategy() {
        assertThat(ServiceLoader.load(Strategy.class).stream().map(p -> p.type().getName()))
                .contains(LvmStrategy.class.getName());
        assertThat(strategy.id()).isEqualTo("lvm");
    }

    @Test
    void snapshotAndMountStepsNameTheVolumesAndTheMountPoint() {
        assertThat(plan(volume(settings(), "snap", "borg"))).filteredOn(s -> s instanceof SnapshotStep
                || s instanceof MountStep).extracting(Step::resources).containsExactly(
                List.of("lvm:vg0/root", "lvm:vg0/root_snap"),
                List.of("mount:/mnt/snap/root", "lvm:vg0/root_snap"));
    }
}
