package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.testkit.TestRunContext;

/**
 * The lvm strategy's whole command sequence, run through the real {@link
 * org.rdump.api.support.LocalCommandRunner} against stand-in LVM programs ({@link LvmStandIns}):
 * the kernel here has no device-mapper, so real snapshots cannot be activated.
 */
class LvmStrategyIT {
    private static final String FIELDS = "lv_name,lv_attr,origin,snap_percent,data_percent";

    @TempDir
    Path tmp;
    LvmStandIns lvm;
    Path live;
    Path snapDir;
    TestRunContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        lvm = new LvmStandIns(tmp.resolve("lvm"));
        live = lvm.volume("vg0", "root", "linear", "ext4");
        Files.writeString(live.resolve("etc-passwd"), "root:x:0:0\n");
        Files.createDirectories(live.resolve("home/user"));
        Files.writeString(live.resolve("home/user/notes"), "keep me\n");
        lvm.volume("vg0", "troot", "thin", "xfs");
        lvm.volume("vg0", "xroot", "linear", "xfs");
        snapDir = tmp.resolve("mnt/snap/root");
        ctx = lvm.context(tmp.resolve("scratch"));
    }

    private VolumeSpec volume(String lv, String fs, Map<String, Object> extra) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mount", lvm.contents("vg0", lv).toString());
        s.put("snap", snapDir.toString());
        s.put("vg", "vg0");
        s.put("lv", lv);
        s.put("lv_snap", lv + "_snap");
        s.put("fs", fs);
        s.putAll(extra);
        return new VolumeSpec("root", "lvm", Settings.of(s), List.of("snap", "rsure", "borg"));
    }

    private StepSequence.Outcome run(VolumeSpec v) {
        List<Step> steps = new LvmStrategy().plan(v, new FakePlanContext());
        return StepSequence.run(steps, ctx);
    }

    private List<String> lvs(String lv) {
        return List.of("lvs", "--reportformat", "json", "-o", FIELDS, "vg0/" + lv);
    }

    private List<List<String>> fullSequence(String lv, List<String> create, String options) {
        List<List<String>> calls = new ArrayList<>(List.of(create));
        if (create.size() == 5) { // thin: no -L
            calls.add(List.of("lvchange", "-ay", "-K", "vg0/" + lv + "_snap"));
        }
        calls.addAll(List.of(
                List.of("mkdir", "-p", snapDir.toString()),
                List.of("mount", "-o", options, "/dev/vg0/" + lv + "_snap", snapDir.toString()),
                List.of("fake-integrity", snapDir.toString(), lvm.contents("vg0", lv).toString()),
                List.of("fake-backup", snapDir.toString()),
                lvs(lv + "_snap"),
                List.of("mountpoint", "-q", snapDir.toString()),
                List.of("umount", snapDir.toString()),
                lvs(lv + "_snap"),
                List.of("lvremove", "-f", "vg0/" + lv + "_snap")));
        return calls;
    }

    @Nested
    class FullSequence {
        @Test
        void ext4() throws Exception {
            StepSequence.Outcome outcome = run(volume("root", "ext4", Map.of()));

            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
            assertThat(lvm.programs.calls()).containsExactlyElementsOf(fullSequence("root",
                    List.of("lvcreate", "-L", "5g", "-s", "-n", "root_snap", "vg0/root"), "noatime"));
            assertThat(lvm.backup().resolve("home/user/notes")).hasContent("keep me");
            assertThat(lvm.backup().resolve("2sure.dat.gz")).hasContent("manifest of " + snapDir);
            assertThat(live.resolve("2sure.dat.gz")).hasContent("manifest of " + snapDir);
            assertThat(lvm.exists("vg0", "root_snap")).isFalse();
            assertThat(lvm.mounted(snapDir)).isFalse();
            assertThat(snapDir).isEmptyDirectory();
        }

        @Test
        void xfsIsMountedWithNouuid() {
            StepSequence.Outcome outcome = run(volume("xroot", "xfs", Map.of("size", "10%ORIGIN")));

            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
            assertThat(lvm.programs.calls()).containsExactlyElementsOf(fullSequence("xroot",
                    List.of("lvcreate", "-L", "10%ORIGIN", "-s", "-n", "xroot_snap", "vg0/xroot"), "nouuid,noatime"));
        }

        @Test
        void thinSnapshotIsActivatedBeforeItIsMounted() {
            StepSequence.Outcome outcome = run(volume("troot", "xfs", Map.of("thin", true)));

            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
            assertThat(lvm.programs.calls()).containsExactlyElementsOf(fullSequence("troot",
                    List.of("lvcreate", "-s", "-n", "troot_snap", "vg0/troot"), "nouuid,noatime"));
            assertThat(lvm.exists("vg0", "troot_snap")).isFalse();
        }

        @Test
        void mountOptionsAreAppended() {
            StepSequence.Outcome outcome = run(volume("xroot", "xfs", Map.of("mount_options", List.of("norecovery"))));

            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
            assertThat(lvm.programs.calls("mount")).containsExactly(List.of("mount", "-o",
                    "nouuid,noatime,norecovery", "/dev/vg0/xroot_snap", snapDir.toString()));
        }
    }

    @Nested
    class CleanupAfterFailure {
        /** The failing program, and whether mount and snapshot were set up before it failed. */
        static Stream<Arguments> failures() {
            return Stream.of(
                    Arguments.of("lvcreate", false, false),
                    Arguments.of("mkdir", false, true),
                    Arguments.of("mount", false, true),
                    Arguments.of("fake-integrity", true, true),
                    Arguments.of("fake-backup", true, true));
        }

        @ParameterizedTest(name = "{0} fails")
        @MethodSource("failures")
        void undoesExactlyWhatWasSetUp(String program, boolean mounted, boolean snapshotted) {
            lvm.programs.fail(program, 7, program + ": injected failure");

            StepSequence.Outcome outcome = run(volume("root", "ext4", Map.of()));

            assertThat(outcome.failure()).isNotNull();
            assertThat(outcome.failure().getMessage()).contains(program + ": injected failure");
            assertThat(outcome.cleanupFailures()).isEmpty();
            assertThat(lvm.programs.calls("umount")).hasSize(mounted ? 1 : 0);
            assertThat(lvm.programs.calls("lvremove")).hasSize(snapshotted ? 1 : 0);
            assertThat(lvm.programs.calls("fake-backup")).hasSize(program.equals("fake-backup") ? 1 : 0);
            assertThat(lvm.exists("vg0", "root_snap")).isFalse();
            assertThat(lvm.mounted(snapDir)).isFalse();
            List<String> names = lvm.programs.calls().stream().map(c -> c.get(0)).toList();
            if (mounted) {
                assertThat(names.indexOf("umount")).isLessThan(names.indexOf("lvremove"));
            }
        }

        @Test
        void failedActivationOfAThinSnapshotLeavesNothing() {
            lvm.programs.fail("lvchange", 5, "  injected activation failure");

            StepSequence.Outcome outcome = run(volume("troot", "xfs", Map.of("thin", true)));

            assertThat(outcome.failure()).hasMessageContaining("injected activation failure");
            assertThat(lvm.programs.calls("lvremove")).hasSize(1);
            assertThat(lvm.programs.calls("mount", "umount")).isEmpty();
            assertThat(lvm.exists("vg0", "troot_snap")).isFalse();
        }

        @Test
        void failedUnmountKeepsTheSnapshotAndSaysSo() {
            lvm.programs.fail("umount", 32, "umount: " + snapDir + ": target is busy.");

            StepSequence.Outcome outcome = run(volume("root", "ext4", Map.of()));

            assertThat(outcome.failure()).isNull();
            assertThat(outcome.cleanupFailures()).hasSize(2);
            assertThat(outcome.cleanupFailures().get(0)).hasMessageContaining("target is busy");
            assertThat(outcome.cleanupFailures().get(1)).hasMessageContaining("contains a filesystem in use");
            assertThat(lvm.exists("vg0", "root_snap")).isTrue();
        }

        @Test
        void cleanupRunsAgainHarmlesslyAfterACrash() {
            List<Step> steps = new LvmStrategy().plan(volume("root", "ext4", Map.of()), new FakePlanContext());
            steps.get(0).perform(ctx);
            steps.get(1).perform(ctx);

            // a later run cleans up what the crashed one left, then once more
            for (int round = 0; round < 2; round++) {
                steps.get(1).cleanup(ctx);
                steps.get(0).cleanup(ctx);
            }

            assertThat(lvm.programs.calls("umount")).hasSize(1);
            assertThat(lvm.programs.calls("lvremove")).hasSize(1);
            assertThat(lvm.exists("vg0", "root_snap")).isFalse();
        }
    }

    @Nested
    class OverflowCheck {
        @Test
        void snapshotThatOverflowedWhileBackedUpFailsTheRun() {
            lvm.overflowDuringBackup();

            StepSequence.Outcome outcome = run(volume("root", "ext4", Map.of()));

            assertThat(outcome.failure()).hasMessage("snapshot vg0/root_snap of volume 'root' was invalidated because it"
                    + " overflowed (lv_attr swi-I-s---, snap_percent 100.00): the backups taken from " + snapDir
                    + " in this run are incomplete or inconsistent; raise `size` (now 5g) at <code> size");
            assertThat(lvm.programs.calls("umount")).hasSize(1);
            assertThat(lvm.programs.calls("lvremove")).hasSize(1);
            assertThat(lvm.exists("vg0", "root_snap")).isFalse();
        }

        @Test
        void fullSnapshotFailsTheRunEvenBeforeLvmMarksItInvalid() {
            lvm.fillDuringBackup("100.00");

            StepSequence.Outcome outcome = run(volume("root", "ext4", Map.of()));

            assertThat(outcome.failure()).hasMessageContaining("is full and therefore invalid (lv_attr swi-a-s---,"
                    + " snap_percent 100.00)");
        }

        @Test
        void nearlyFullSnapshotWarns() {
            lvm.fillDuringBackup("85.50");

            StepSequence.Outcome outcome = run(volume("root", "ext4", Map.of("size", "2g")));

            assertThat(outcome.succeeded()).isTrue();
            assertThat(ctx.warnings()).containsExactly("snapshot vg0/root_snap was 85.50% full at the end of the"
                    + " backup; raise `size` (now 2g) at <code> size");
        }

        @Test
        void quietSnapshotPassesWithoutWarning() {
            lvm.fillDuringBackup("12.50");

            assertThat(run(volume("root", "ext4", Map.of())).succeeded()).isTrue();
            assertThat(ctx.warnings()).isEmpty();
        }

        @Test
        void thinSnapshotIsNotJudgedByItsDataPercent() {
            lvm.fillDuringBackup("99.00");

            assertThat(run(volume("troot", "xfs", Map.of("thin", true))).succeeded()).isTrue();
            assertThat(ctx.warnings()).isEmpty();
        }

        @Test
        void snapshotThatVanishedWhileReadFailsTheRun() {
            List<Step> steps = new LvmStrategy().plan(volume("root", "ext4", Map.of()), new FakePlanContext());
            Step check = steps.get(steps.size() - 1);
            steps.get(0).perform(ctx);
            steps.get(0).cleanup(ctx);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.perform(ctx))
                    .hasMessage("snapshot vg0/root_snap of volume 'root' disappeared while it was read: the backups"
                            + " taken from " + snapDir + " in this run cannot be trusted");
        }
    }

    @Nested
    class Preflight {
        private List<org.rdump.api.PreflightProblem> preflight(VolumeSpec v) {
            List<org.rdump.api.PreflightProblem> out = new ArrayList<>();
            for (Step s : new LvmStrategy().plan(v, new FakePlanContext())) {
                out.addAll(s.preflight(ctx));
            }
            return out;
        }

        @Test
        void anExistingVolumeIsFineAndNothingRunsButLvs() {
            assertThat(preflight(volume("root", "ext4", Map.of()))).isEmpty();
            assertThat(lvm.programs.calls()).containsExactly(lvs("root"));
        }

        @Test
        void aMissingVolumeIsNamed() {
            assertThat(preflight(volume("nothere", "ext4", Map.of()))).containsExactly(
                    new org.rdump.api.PreflightProblem("root", "logical volume vg0/nothere does not exist; check"
                            + " 'vg' and 'lv' of volume 'root' ('lvs' shows the volumes there are)"));
            assertThat(lvm.programs.calls()).containsExactly(lvs("nothere"));
        }
    }
}
