package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.integrity.Sure;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;

/**
 * A backup of two LVM volumes through the command line (a child JVM whose PATH finds the
 * {@link StandInLvm} programs first; everything else is real: rsure manifests, rsync), where the
 * second volume's backup fails: the run exits 1, and afterwards nothing is left mounted or
 * snapshotted, the first volume's backup is complete and verifies, and the live volumes'
 * manifests are intact.
 */
class TwoVolumesIT {
    private static final String VOLUMES = """
            lvm:
              - {name: one, mount: '%1$s/one', snap: '%2$s/one', vg: e2evg, lv: one, lv_snap: one_snap, fs: ext4,
                 actions: [snap, rsure, good]}
              - {name: two, mount: '%1$s/two', snap: '%2$s/two', vg: e2evg, lv: two, lv_snap: two_snap, fs: xfs,
                 actions: [snap, rsure, %3$s]}
            """;

    @TempDir
    Path dir;

    @Test
    void secondVolumeFailingLeavesNoSnapshotOrMountAndExits1() throws Exception {
        RequiredTools.need("rsync", "rsync");
        StandInLvm lvm = new StandInLvm(dir.resolve("lvm"));
        Path one = SampleTree.make(lvm.volume("e2evg", "one"));
        Path two = TreeFixture.at(lvm.volume("e2evg", "two")).file("srv/www/index.html", "<p>two</p>\n")
                .file("srv/www/app.js", "alert(2)\n").root();
        Path snaps = dir.resolve("mnt/snap");
        // a destination that passes the pre-flight but fills up during the copy
        Path full = dir.resolve("full");
        Path failing = dir.resolve("rsync-disk-full");
        Files.writeString(failing, "#!/bin/sh\necho 'rsync: write failed on " + full
                + "/backups/two: No space left on device (28)' >&2\nexit 11\n");
        Files.setPosixFilePermissions(failing, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String tools = """
                tools:
                  good: {type: rsync, dest: backups, mode: versioned}
                  broken: {type: rsync, dest: full/backups, mode: mirror, program: %s}
                """.formatted(failing);
        String volumes = VOLUMES.formatted(one.getParent(), snaps, "%s");
        Map<String, String> env = Map.of("PATH", lvm.programs.path());

        // a first run where both volumes succeed: each live volume gets manifest version 1
        CliProcess.write(dir.resolve("rdump.yaml"), tools + volumes.formatted("good"));
        CliProcess.Result first = CliProcess.run(dir, env, "backup");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(lvm.programs.calls("lvcreate")).hasSize(2);
        lvm.programs.clearCalls();

        // then volume two backs up to a destination whose disk is full
        CliProcess.write(dir.resolve("rdump.yaml"), tools + volumes.formatted("broken"));
        CliProcess.nextSecond();
        CliProcess.Result failed = CliProcess.run(dir, env, "backup");

        assertThat(failed.exitCode()).as(failed.stdout() + failed.stderr()).isEqualTo(1);
        assertThat(failed.stderr()).contains("rdump: FAILED two: ").contains(full.toString());
        assertThat(failed.stdout()).containsPattern("(?m)^    rsync 'good': \\d{8}T\\d{6}Z, ")
                .contains("backup FAILED in ");

        // every snapshot made was removed after it was unmounted; every mount was undone
        List<String> calls = lvm.programs.callLines();
        for (String v : List.of("one", "two")) {
            String device = "/dev/e2evg/" + v + "_snap";
            String mountPoint = snaps.resolve(v).toString();
            assertThat(calls).containsOnlyOnce("lvcreate -L 5g -s -n " + v + "_snap e2evg/" + v,
                    "lvremove -f e2evg/" + v + "_snap", "umount " + mountPoint)
                    .containsOnlyOnce("mount -o " + (v.equals("two") ? "nouuid,noatime " : "noatime ") + device + " "
                            + mountPoint);
            assertThat(calls.indexOf("umount " + mountPoint)).isLessThan(calls.indexOf("lvremove -f e2evg/" + v
                    + "_snap"));
            assertThat(snaps.resolve(v)).isEmptyDirectory();
        }
        assertThat(lvm.programs.calls("lvcreate", "lvremove", "mount", "umount")).hasSize(8);
        assertThat(lvm.volumes("e2evg")).as("logical volumes left").containsExactly("one", "two");
        assertThat(lvm.mounts()).as("mount table").isEmpty();

        // the live volumes' manifests are whole (version 2 was copied back before the backups) and describe them
        for (Path live : List.of(one, two)) {
            Sure sure = Sure.at(live).manifest(live.resolve("2sure.dat.gz"));
            assertThat(sure.versions()).hasSize(2);
            assertThat(sure.check().lines()).as("check of %s", live).isEmpty();
        }
        // volume one's backup from the failed run is complete
        CliProcess.Result verify = CliProcess.run(dir, env, "verify", "one");
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stdout()).contains(": every file matches the manifest");
    }
}
