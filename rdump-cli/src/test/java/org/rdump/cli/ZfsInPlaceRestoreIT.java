package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code rdump restore --in-place} of a {@code zfs-volumes} volume on a real zfs-fuse pool: the
 * live tree is the dataset's mountpoint as zfs reports it (no {@code mount:} in the config), the
 * backup its snapshot; a replication job has no live tree and is refused with a hint.
 */
class ZfsInPlaceRestoreIT {
    private final ZfsPools pools = new ZfsPools();

    @AfterEach
    void destroyPools() {
        pools.close();
    }

    @Test
    void aFileIsRestoredInPlaceFromTheSnapshotIntoTheDatasetsMountpoint(@TempDir Path dir) throws Exception {
        String src = pools.create("ip");
        String dst = pools.create("iq");
        ZfsPools.run("zfs", "create", src + "/home");
        Path live = pools.mount(src).resolve("home");
        SampleTree.make(live);
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                zfs-volumes:
                  - {name: home, dataset: %s/home, clone: %s/snaps/home, clone_mount: '%s',
                     rsure_snapshot: true, snapshot_prefix: rd, actions: [rsure]}
                zfs:
                  - away:
                      src: {volume: %s/home}
                      dest: {volume: %s/home}
                """.formatted(src, src, dir.resolve("clone"), src, dst));
        CliProcess.Result backup = CliProcess.run(dir, "backup");
        assertThat(backup.exitCode()).as(backup.stdout() + backup.stderr()).isZero();
        TreeSnapshot atBackup = TreeSnapshot.of(live);
        TreeFixture.at(live).file("etc/host.conf", "hostname=broken\n").file("etc/added.txt", "after\n");

        CliProcess.Result r = CliProcess.run(dir, "restore", "home", "--in-place", "--path", "etc");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("from 'snapshots' (zfs-snapshots) in place into " + live,
                "replace           file      etc/host.conf", "etc now matches the manifest",
                "1 entry not in the backup left in place");
        assertThat(Files.readString(live.resolve("etc/host.conf"))).isEqualTo("hostname=e2e\n");
        assertThat(TreeSnapshot.of(live).entries().get("etc/host.conf"))
                .isEqualTo(atBackup.entries().get("etc/host.conf"));
        assertThat(live.resolve("etc/added.txt")).exists();
        assertThat(ZfsPools.run("zfs", "list", "-H", "-o", "name", "-r", src).stdoutLines())
                .noneMatch(n -> n.contains("rdump-restore-"));

        CliProcess.Result job = CliProcess.run(dir, "restore", "away", "--in-place");

        assertThat(job.exitCode()).as(job.stdout() + job.stderr()).isEqualTo(1);
        assertThat(job.stderr()).contains("volume away (zfs) has no live tree rdump knows, so it cannot be restored"
                + " in place; restore with --to DIR");
    }
}
