package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code snapshots:} section with the built-in providers, through the command line: each
 * provider's own settings are accepted and reach it, another provider's are not, and a dry run
 * shows the snapshot, the mount, the manifest, the backup and the cleanups in the same order as
 * the providers' own strategies. (A real run, with a plugin's btrfs provider, is PluginGuideIT.)
 */
class SnapshotsSectionIT {
    @TempDir
    Path dir;

    private CliProcess.Result run(String volume, String... args) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), """
                tools:
                  copies:
                    type: rsync
                    dest: %s
                snapshots:
                %s
                """.formatted(dir.resolve("copies"), volume.indent(2)));
        return CliProcess.run(dir, args);
    }

    @Test
    void anLvmSnapshotIsMountedReadAndRemovedAgain() throws Exception {
        CliProcess.Result r = run("""
                - name: data
                  provider: lvm
                  volume: vg0/data
                  snapshot: data_snap
                  size: 2g
                  mount: /data
                  snap: /mnt/snap/data
                  mount_snapshot: {fs: xfs, options: [inode64]}
                  actions: [rsure, copies]
                """, "backup", "--dry-run");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsSubsequence(
                "snapshot [data] lvm snapshot of vg0/data as data_snap",
                "$ lvcreate -L 2g -s -n data_snap vg0/data",
                "mount [data] mount the snapshot on /mnt/snap/data (-t xfs -o noatime,nouuid,inode64)",
                "$ mount -t xfs -o noatime,nouuid,inode64 /dev/vg0/data_snap /mnt/snap/data",
                "integrity [data] update the manifest /mnt/snap/data/2sure.dat.gz (rsure)",
                "integrity [data] copy /mnt/snap/data/2sure.dat.gz back to /data/2sure.dat.gz",
                "$ rsync -aHx -S --delete -AX --info=progress2 /mnt/snap/data/. " + dir.resolve("copies/data") + "/",
                "cleanup [data] mount the snapshot on /mnt/snap/data",
                "$ umount /mnt/snap/data",
                "cleanup [data] lvm snapshot of vg0/data as data_snap",
                "$ lvremove -f vg0/data_snap");
    }

    @Test
    void aZfsSnapshotTakesTheZfsProvidersSettingAndIsDestroyedAgain() throws Exception {
        CliProcess.Result r = run("""
                - name: media
                  provider: zfs
                  volume: tank/media
                  recursive: true
                  mount: /tank/media
                  snap: /tank/media/.zfs/snapshot/rdump-media
                  actions: [copies]
                """, "backup", "--dry-run");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsSubsequence(
                "snapshot [media] zfs snapshot of tank/media as rdump-media, read at /tank/media/.zfs/snapshot/rdump-media",
                "$ zfs snapshot -r tank/media@rdump-media",
                "$ rsync -aHx -S --delete -AX --info=progress2 /tank/media/.zfs/snapshot/rdump-media/. ",
                "cleanup [media] zfs snapshot of tank/media",
                "$ zfs destroy -r tank/media@rdump-media");
    }

    @Test
    void anotherProvidersSettingIsAnErrorAtItsPosition() throws Exception {
        CliProcess.Result r = run("""
                - name: media
                  provider: zfs
                  volume: tank/media
                  size: 2g
                  mount: /tank/media
                  snap: /mnt/media
                  actions: [copies]
                """, "check-config");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(r.stdout() + r.stderr()).containsPattern("rdump.yaml:9:\\d+ snapshots\\[0\\]\\.size: unknown key 'size'");
    }

    @Test
    void aMissingProviderAndABadSnapshotNameAreNamed() throws Exception {
        CliProcess.Result r = run("""
                - name: media
                  volume: tank/media
                  mount: /tank/media
                  snap: /mnt/media
                  actions: [copies]
                - name: other
                  provider: zfs
                  volume: tank/other
                  mount: /tank/other
                  snap: /mnt/other
                  snapshot: "bad name"
                  actions: [copies]
                """, "check-config");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(r.stdout() + r.stderr()).contains("rdump.yaml:6:5 snapshots[0]: missing required key 'provider': the snapshot provider's id;"
                        + " known: btrfs, lvm, zfs\n")
                .contains("snapshots[1].snapshot: 'bad name' cannot name a snapshot");
    }
}
