package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.testkit.SnapshotProviderContract;
import org.rdump.testkit.TestRunContext;

/** The snapshot provider contract, and LVM's own rules, against the stand-in LVM programs. */
class LvmSnapshotProviderTest extends SnapshotProviderContract {
    private static final String FIELDS = "lv_name,lv_attr,origin,snap_percent,data_percent";

    @TempDir
    Path tmp;
    LvmStandIns lvm;

    @BeforeEach
    void setUp() throws Exception {
        lvm = new LvmStandIns(tmp.resolve("lvm"));
        Files.writeString(lvm.volume("vg0", "root", "linear", "ext4").resolve("file"), "data");
        lvm.volume("vg0", "home", "linear", "ext4");
        lvm.volume("vg0", "tpool", "pool", "none");
        lvm.volume("vg0", "troot", "thin", "xfs");
    }

    @Override
    protected SnapshotProvider newProvider() {
        return new LvmSnapshotProvider();
    }

    @Override
    protected RunContext context() {
        return lvm.context(tmp.resolve("scratch"));
    }

    @Override
    protected Settings volumeSettings() {
        return Settings.of(Map.of("size", "1g"));
    }

    @Override
    protected String volume() {
        return "vg0/root";
    }

    @Override
    protected String missingVolume() {
        return "vg0/nope";
    }

    private final LvmSnapshotProvider provider = new LvmSnapshotProvider();

    @Nested
    class Creating {
        @Test
        void copyOnWriteSnapshotRunsLvcreateWithTheSize() {
            SnapshotRef ref = provider.create("vg0/root", "root_snap", volumeSettings(), context());

            assertThat(ref).isEqualTo(new SnapshotRef("lvm", "vg0/root", "root_snap", "/dev/vg0/root_snap",
                    Map.of("thin", "false", "size", "1g")));
            assertThat(lvm.programs.calls()).containsExactly(
                    List.of("lvcreate", "-L", "1g", "-s", "-n", "root_snap", "vg0/root"));
            assertThat(lvm.contents("vg0", "root_snap").resolve("file")).hasContent("data");
        }

        @Test
        void sizeDefaultsToFiveGigabytesAsTheOriginal() {
            provider.create("vg0/root", "root_snap", Settings.of(Map.of()), context());

            assertThat(lvm.programs.calls().get(0)).containsSequence("-L", "5g");
        }

        @Test
        void thinSnapshotIsCreatedWithoutSizeAndActivated() {
            SnapshotRef ref = provider.create("vg0/troot", "troot_snap", Settings.of(Map.of("thin", true)), context());

            assertThat(ref.properties()).isEqualTo(Map.of("thin", "true"));
            assertThat(lvm.programs.calls()).containsExactly(
                    List.of("lvcreate", "-s", "-n", "troot_snap", "vg0/troot"),
                    List.of("lvchange", "-ay", "-K", "vg0/troot_snap"));
        }

        @Test
        void failedActivationRemovesTheThinSnapshotAgain() {
            lvm.programs.fail("lvchange", 5, "  activation failed");

            assertThatThrownBy(() -> provider.create("vg0/troot", "troot_snap", Settings.of(Map.of("thin", true)), context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageStartingWith("thin snapshot vg0/troot_snap of vg0/troot could not be activated, so it was removed again");
            assertThat(lvm.exists("vg0", "troot_snap")).isFalse();
            assertThat(lvm.programs.calls("lvremove")).containsExactly(List.of("lvremove", "-f", "vg0/troot_snap"));
        }

        @Test
        void missingVolumeGroupIsNamed() {
            assertThatThrownBy(() -> provider.create("vgX/root", "root_snap", volumeSettings(), context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("cannot snapshot vgX/root: no such logical volume (Volume group \"vgX\" not found);"
                            + " check `vg` and `lv` in the configuration");
        }

        @Test
        void leftoverSnapshotOfTheSameNameIsExplained() {
            provider.create("vg0/root", "root_snap", volumeSettings(), context());

            assertThatThrownBy(() -> provider.create("vg0/root", "root_snap", volumeSettings(), context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("cannot snapshot vg0/root as vg0/root_snap: vg0/root_snap already exists, probably left"
                            + " by an interrupted run; check it with `lvs vg0/root_snap`, remove it with"
                            + " `lvremove vg0/root_snap` and run again");
        }

        @Test
        void otherLvcreateFailureMentionsFreeSpace() {
            lvm.programs.fail("lvcreate", 5, "  Volume group \"vg0\" has insufficient free space (10 extents): 1280 required.");

            assertThatThrownBy(() -> provider.create("vg0/root", "root_snap", volumeSettings(), context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageContaining("insufficient free space")
                    .hasMessageEndingWith("a copy-on-write snapshot needs `size` of free space in volume group vg0 (see `vgs`)");
        }

        @Test
        void volumeMustBeVgSlashLv() {
            assertThatThrownBy(() -> provider.create("root", "s", volumeSettings(), context()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("volume must be written vg/lv, e.g. vg0/root: 'root'");
            assertThatThrownBy(() -> provider.create("vg0/root", "-f", volumeSettings(), context()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lv is not a valid LVM name: '-f'");
            assertThat(lvm.programs.calls()).isEmpty();
        }
    }

    @Nested
    class Removing {
        @Test
        void removeChecksThatItIsASnapshotOfTheOriginThenRemovesIt() {
            SnapshotRef ref = provider.create("vg0/root", "root_snap", volumeSettings(), context());
            lvm.programs.clearCalls();

            provider.remove(ref, context());

            assertThat(lvm.programs.calls()).containsExactly(
                    List.of("lvs", "--reportformat", "json", "-o", FIELDS, "vg0/root_snap"),
                    List.of("lvremove", "-f", "vg0/root_snap"));
            assertThat(lvm.exists("vg0", "root_snap")).isFalse();
        }

        @Test
        void refusesToRemoveAVolumeThatIsNotASnapshotOfTheOrigin() {
            SnapshotRef wrong = new SnapshotRef("lvm", "vg0/root", "home", "/dev/vg0/home", Map.of());

            assertThatThrownBy(() -> provider.remove(wrong, context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("refusing to remove vg0/home: it is not a snapshot of vg0/root (lv_attr owi-aos---,"
                            + " origin ''); check `lv_snap` in the configuration");
            assertThat(lvm.exists("vg0", "home")).isTrue();
            assertThat(lvm.programs.calls("lvremove")).isEmpty();
        }

        @Test
        void refusesToRemoveASnapshotOfAnotherOrigin() {
            provider.create("vg0/home", "home_snap", volumeSettings(), context());
            SnapshotRef wrong = new SnapshotRef("lvm", "vg0/root", "home_snap", "/dev/vg0/home_snap", Map.of());

            assertThatThrownBy(() -> provider.remove(wrong, context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageStartingWith("refusing to remove vg0/home_snap: it is not a snapshot of vg0/root");
            assertThat(lvm.exists("vg0", "home_snap")).isTrue();
        }

        @Test
        void removingFromAMissingVolumeGroupIsFine() {
            provider.remove(new SnapshotRef("lvm", "vgX/root", "root_snap", "/dev/vgX/root_snap", Map.of()), context());

            assertThat(lvm.programs.calls("lvremove")).isEmpty();
        }

        @Test
        void failedLvremoveOfAnExistingSnapshotIsReported() {
            SnapshotRef ref = provider.create("vg0/root", "root_snap", volumeSettings(), context());
            lvm.programs.fail("lvremove", 5, "  Logical volume vg0/root_snap contains a filesystem in use.");

            assertThatThrownBy(() -> provider.remove(ref, context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("lvremove -f vg0/root_snap failed (exit 5):\n"
                            + "    Logical volume vg0/root_snap contains a filesystem in use.");
            assertThat(lvm.exists("vg0", "root_snap")).isTrue();
        }

        @Test
        void unexpectedLvsFailureIsNotTakenForAMissingSnapshot() {
            SnapshotRef ref = provider.create("vg0/root", "root_snap", volumeSettings(), context());
            lvm.programs.fail("lvs", 5, "  Reading VG vg0 failed: locking error");

            assertThatThrownBy(() -> provider.remove(ref, context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageContaining("locking error");
            assertThat(lvm.exists("vg0", "root_snap")).isTrue();
        }

        @Test
        void dryRunOnlyRecordsLvremove() {
            RecordingCommandRunner recorder = new RecordingCommandRunner();
            TestRunContext dry = new TestRunContext(recorder, java.time.Clock.systemUTC(), true, "x", tmp.resolve("dry"));

            provider.remove(new SnapshotRef("lvm", "vg0/root", "root_snap", "/dev/vg0/root_snap", Map.of()), dry);

            assertThat(recorder.argvs()).containsExactly(List.of("lvremove", "-f", "vg0/root_snap"));
        }
    }

    @Nested
    class Listing {
        @Test
        void listsSnapshotsOfTheOriginInCreationOrderWithTheirFacts() {
            provider.create("vg0/root", "a_snap", volumeSettings(), context());
            provider.create("vg0/home", "home_snap", volumeSettings(), context());
            provider.create("vg0/root", "b_snap", volumeSettings(), context());
            lvm.programs.clearCalls();

            List<SnapshotRef> refs = provider.list("vg0/root", context());

            assertThat(refs).containsExactly(
                    new SnapshotRef("lvm", "vg0/root", "a_snap", "/dev/vg0/a_snap",
                            Map.of("lv_attr", "swi-a-s---", "thin", "false", "snap_percent", "0.00", "data_percent", "0.00")),
                    new SnapshotRef("lvm", "vg0/root", "b_snap", "/dev/vg0/b_snap",
                            Map.of("lv_attr", "swi-a-s---", "thin", "false", "snap_percent", "0.00", "data_percent", "0.00")));
            assertThat(lvm.programs.calls()).containsExactly(
                    List.of("lvs", "--reportformat", "json", "-o", FIELDS, "-O", "lv_time", "vg0"));
        }

        @Test
        void listsThinSnapshots() {
            provider.create("vg0/troot", "troot_snap", Settings.of(Map.of("thin", "true")), context());

            assertThat(provider.list("vg0/troot", context())).extracting(SnapshotRef::name).containsExactly("troot_snap");
        }

        @Test
        void missingVolumeGroupIsNamed() {
            assertThatThrownBy(() -> provider.list("vgX/root", context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("cannot list the snapshots of vgX/root: Volume group \"vgX\" not found;"
                            + " check `vg` in the configuration");
        }

        @Test
        void missingVolumeIsNamed() {
            assertThatThrownBy(() -> provider.list("vg0/nope", context()))
                    .isInstanceOf(RdumpException.class)
                    .hasMessage("cannot list the snapshots of vg0/nope: volume group vg0 has no logical volume nope;"
                            + " check `lv` in the configuration");
        }
    }

    @Test
    void idAndFeatures() {
        assertThat(provider.id()).isEqualTo("lvm");
        assertThat(provider.features()).containsExactly(org.rdump.api.SnapshotFeature.PRUNE);
        assertThat(java.util.ServiceLoader.load(SnapshotProvider.class).stream().map(p -> p.type().getName()))
                .contains(LvmSnapshotProvider.class.getName());
    }
}
