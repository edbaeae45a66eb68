package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keep_verified} with real zfs-fuse pools, through the command line: a {@code zfs-volumes}
 * volume pruned to the newest hour ({@code prune: {hourly: 1}}) keeps its snapshot proven
 * restorable by a full {@code rdump restore} and destroys it (with its {@code -rsure} companion) once a
 * newer one is proven; a replication job's proven replica stays on the destination the same way.
 * Each run's snapshots are renamed to a fixed minute so that runs have distinct stamps without the
 * test waiting.
 */
class ZfsKeepVerifiedIT {
    private final ZfsPools pools = new ZfsPools();
    @TempDir
    Path dir;
    private String src;
    private String dst;

    @AfterEach
    void destroyPools() {
        pools.close();
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    /** A backup run, then its new snapshot renamed to {@code name} (and its companion) on both pools. */
    private CliProcess.Result backup(String name) throws Exception {
        List<String> before = ZfsPools.snapshots(src + "/home");
        CliProcess.Result r = ok("backup");
        String taken = ZfsPools.snapshots(src + "/home").stream().filter(s -> !before.contains(s)
                && !s.endsWith("-rsure")).findFirst().orElseThrow();
        for (String ds : List.of(src + "/home", dst + "/home")) {
            for (String suffix : List.of("", "-rsure")) {
                if (ZfsPools.snapshots(ds).contains(taken + suffix)) {
                    ZfsPools.run("zfs", "rename", ds + "@" + taken + suffix, ds + "@" + name + suffix);
                }
            }
        }
        return r;
    }

    /**
     * A full restore of the newest backup, checked against its manifest: {@code rdump verify}
     * covers the configured tools, so ZFS snapshots and replicas are proven by {@code rdump restore}.
     */
    private void prove(String volume, String n) throws Exception {
        CliProcess.Result r = ok("restore", volume, "--to", dir.resolve("proof-" + volume + n).toString());
        assertThat(r.stdout()).contains("every file matches the manifest");
    }

    @Test
    void theProvenSnapshotOutlivesThePolicyUntilANewerOneIsProven() throws Exception {
        src = pools.create("ks");
        dst = pools.create("kd");
        ZfsPools.run("zfs", "create", src + "/home");
        Path live = pools.mount(src).resolve("home");
        SampleTree.make(live);
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                zfs-volumes:
                  - {name: home, dataset: %s/home, mount: '%s', clone: %s/snaps/home, clone_mount: '%s',
                     rsure_snapshot: true, snapshot_prefix: rd, actions: [rsure], prune: {hourly: 1}}
                zfs:
                  - away:
                      src: {volume: %s/home}
                      dest: {volume: %s/home}
                      prune: {hourly: 1, prefix: rd, side: destination}
                """.formatted(src, live, src, dir.resolve("clone"), src, dst));

        backup("rd0000-202611301800");
        prove("home", "1");
        prove("away", "1");

        CliProcess.Result second = backup("rd0001-202611301900");
        assertThat(ZfsPools.snapshots(src + "/home")).as(second.stdout()).containsExactly("rd0000-202611301800",
                "rd0000-202611301800-rsure", "rd0001-202611301900", "rd0001-202611301900-rsure");
        assertThat(ZfsPools.snapshots(dst + "/home")).contains("rd0000-202611301800", "rd0001-202611301900");
        assertThat(second.stdout() + second.stderr()).contains("kept: 20261130T180000Z is the newest backup of home"
                + " in 'snapshots' proven restorable (verify ").contains("kept: 20261130T180000Z is the newest backup"
                + " of away in 'replicas' proven restorable (verify ");

        CliProcess.Result dry = ok("backup", "--dry-run");
        assertThat(dry.stdout()).contains("kept: 20261130T180000Z is the newest backup of home in 'snapshots' proven"
                + " restorable").doesNotContain("would destroy " + src + "/home@rd0000-202611301800");

        prove("home", "2");
        prove("away", "2");
        backup("rd0002-202611302000");
        assertThat(ZfsPools.snapshots(src + "/home")).containsExactly("rd0001-202611301900",
                "rd0001-202611301900-rsure", "rd0002-202611302000", "rd0002-202611302000-rsure");
        assertThat(ZfsPools.snapshots(dst + "/home")).doesNotContain("rd0000-202611301800")
                .contains("rd0001-202611301900", "rd0002-202611302000");
    }
}
