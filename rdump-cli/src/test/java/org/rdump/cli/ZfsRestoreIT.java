package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.SshTestServer;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code rdump list} and {@code rdump restore} of ZFS backups on real zfs-fuse pools: the
 * snapshots of a {@code zfs-volumes} volume (restored from the plain snapshot, checked against
 * the manifest in its {@code -rsure} companion), the replicas of a replication job on a second
 * pool, also after the source dataset is destroyed, the same replicated over ssh to a real sshd
 * on 127.0.0.1 ({@link SshTestServer}: the "remote host" is this machine, its replica on the
 * second pool) and restored from there over ssh, and the snapshots a {@code zfs-mirror} keeps of
 * a simple volume. Two backups; each run's snapshots are then renamed to a fixed minute (on
 * every pool) so that the two backups have distinct stamps without the test waiting a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZfsRestoreIT {
    private static final String FIRST = "rd0000-202611301800";
    private static final String SECOND = "rd0001-202611301900";
    private final ZfsPools pools = new ZfsPools();
    private SshTestServer sshd;
    private Path dir;
    private Path live;
    private Path boot;
    private String mirrorFirst;
    private String mirrorSecond;
    private TreeSnapshot bootAtFirst;
    private TreeSnapshot bootAtSecond;
    private String src;
    private String dst;
    private TreeSnapshot atFirst;
    private TreeSnapshot atSecond;

    @BeforeAll
    void twoBackupsReplicatedToASecondPool(@TempDir Path shared) throws Exception {
        dir = shared;
        src = pools.create("rs");
        dst = pools.create("rd");
        sshd = SshTestServer.start(dir.resolve("sshd"));
        ZfsPools.run("zfs", "create", src + "/home");
        ZfsPools.run("zfs", "create", src + "/mirror");
        live = pools.mount(src).resolve("home");
        SampleTree.make(live);
        TreeFixture.at(live).file("etc/version", "one\n");
        boot = SampleTree.make(dir.resolve("boot"));
        TreeFixture.at(boot).file("etc/version", "one\n");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                simple:
                  - {name: boot, mount: '%s', actions: [rsure], zfs: {volume: %s/mirror, mount: '%s'}}
                zfs-volumes:
                  - {name: home, dataset: %s/home, mount: '%s', clone: %s/snaps/home, clone_mount: '%s',
                     rsure_snapshot: true, snapshot_prefix: rd, actions: [rsure]}
                zfs:
                  - away:
                      src: {volume: %s/home}
                      dest: {volume: %s/home}
                  - far:
                      src: {volume: %s/home}
                      dest: {host: %s, ssh: [ssh, -F, '%s'], volume: %s/far}
                """.formatted(boot, src, pools.mount(src).resolve("mirror"), src, live, src, dir.resolve("clone"),
                src, dst, src, sshd.host(), sshd.clientConfig(), dst));
        backup(FIRST);
        atFirst = TreeSnapshot.of(live);
        bootAtFirst = TreeSnapshot.of(boot);
        mirrorFirst = ZfsPools.snapshots(src + "/mirror").get(0);
        TreeFixture.at(live).file("etc/version", "two\n").file("etc/added.txt", "new in the second\n")
                .delete("home/alice/notes/note-20.txt");
        TreeFixture.at(boot).file("etc/version", "two\n").file("etc/added.txt", "new in the second\n");
        backup(SECOND);
        atSecond = TreeSnapshot.of(live);
        bootAtSecond = TreeSnapshot.of(boot);
        mirrorSecond = ZfsPools.snapshots(src + "/mirror").get(1);
    }

    @AfterAll
    void destroyPools() {
        if (sshd != null) {
            sshd.close();
        }
        pools.close();
    }

    /** A backup run, then its snapshots renamed to {@code name} (and {@code name-rsure}) on both pools. */
    private void backup(String name) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "backup");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        List<String> snaps = ZfsPools.snapshots(src + "/home");
        String taken = snaps.stream().filter(s -> s.startsWith(name.substring(0, 7)) && !s.endsWith("-rsure"))
                .findFirst().orElseThrow(() -> new AssertionError("no snapshot " + name + ": " + snaps));
        for (String ds : List.of(src + "/home", dst + "/home", dst + "/far")) {
            ZfsPools.run("zfs", "rename", ds + "@" + taken, ds + "@" + name);
            ZfsPools.run("zfs", "rename", ds + "@" + taken + "-rsure", ds + "@" + name + "-rsure");
        }
    }

    private CliProcess.Result rdump(String... args) throws Exception {
        return CliProcess.run(dir, args);
    }

    /** No temporary restore clone is left on either pool, nor a clone's mount directory on the "remote" one. */
    private void noCloneLeft() throws Exception {
        for (String pool : List.of(src, dst)) {
            assertThat(ZfsPools.run("zfs", "list", "-H", "-o", "name", "-r", pool).stdoutLines())
                    .noneMatch(n -> n.contains("rdump-restore-"));
        }
        try (var list = Files.list(pools.mount(dst))) {
            assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("rdump-restore-"));
        }
    }

    /** What the run's tools backed up: the live tree without the previous manifest copy-back left. */
    private static List<String> differences(Path restored, TreeSnapshot expected) {
        return TreeSnapshot.of(restored).differencesFrom(expected).stream()
                .filter(d -> !d.startsWith("2sure.bak.gz:")).toList();
    }

    private String what(String volume, String stamp, String tool, String type, Path to) {
        return "restore of backup " + stamp + " of volume " + volume + " from '" + tool + "' (" + type + ") into "
                + to;
    }

    @Test
    @Order(1)
    void listShowsEverySnapshotAndReplicaNewestFirstWithTheMinuteAsStamp() throws Exception {
        CliProcess.Result r = rdump("list", "--json");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        List<String> rows = new ArrayList<>();
        for (JsonNode b : new ObjectMapper().readTree(r.stdout()).get("backups")) {
            rows.add(b.get("volume").asText() + " " + b.get("stamp").asText() + " " + b.get("time").asText() + " "
                    + b.get("tool").asText() + " " + b.get("type").asText() + " " + b.get("where").asText());
            assertThat(b.get("size").isIntegralNumber()).as("referenced bytes of " + b).isTrue();
            assertThat(b.get("size").asLong()).as("the sample tree's 64 KiB file and more").isGreaterThan(65536);
        }
        String far = sshd.host() + ":" + dst + "/far@";
        assertThat(rows).containsExactly(
                "boot " + mirrorSecond + " " + time(mirrorSecond) + " zfs zfs-mirror " + src + "/mirror@" + mirrorSecond,
                "boot " + mirrorFirst + " " + time(mirrorFirst) + " zfs zfs-mirror " + src + "/mirror@" + mirrorFirst,
                "home 20261130T190000Z 2026-11-30T19:00:00Z snapshots zfs-snapshots " + src + "/home@" + SECOND,
                "home 20261130T180000Z 2026-11-30T18:00:00Z snapshots zfs-snapshots " + src + "/home@" + FIRST,
                "away 20261130T190000Z 2026-11-30T19:00:00Z replicas zfs-replicas " + dst + "/home@" + SECOND,
                "away 20261130T180000Z 2026-11-30T18:00:00Z replicas zfs-replicas " + dst + "/home@" + FIRST,
                "far 20261130T190000Z 2026-11-30T19:00:00Z replicas zfs-replicas " + far + SECOND,
                "far 20261130T180000Z 2026-11-30T18:00:00Z replicas zfs-replicas " + far + FIRST);

        r = rdump("list", "far");
        assertThat(r.stdout()).as("sizes for people in the table").containsPattern(
                "far +20261130T190000Z +2026-11-30 19:00:00Z +replicas \\(zfs-replicas\\) +" + java.util.regex.Pattern.quote(
                        far + SECOND) + " +\\d+\\.\\d [KM]iB +- +-\\n");
    }

    private static String time(String stamp) {
        return java.time.Instant.from(org.rdump.api.ArchiveInfo.STAMP.parse(stamp)).toString();
    }

    @Test
    @Order(2)
    void aFullRestoreGivesTheTreeAsBackedUpCheckedAgainstTheRsureCompanionsManifest() throws Exception {
        Path to = dir.resolve("full-second");
        CliProcess.Result r = rdump("restore", "home", "--to", to.toString());

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(differences(to, atSecond)).isEmpty();
        assertThat(Files.getAttribute(to.resolve("etc/hello.sh"), "unix:mode")).isEqualTo(0100755);
        assertThat(Files.readSymbolicLink(to.resolve("home/alice/host.conf"))).hasToString("../etc/host.conf");
        assertThat(to.resolve("README-rdump-rsure.txt")).as("written only in the clone").doesNotExist();
        assertThat(to.resolve("2sure.dat.gz")).as("the companion's manifest")
                .hasSameBinaryContentAs(live.resolve("2sure.dat.gz"));
        assertThat(r.stdout()).containsPattern(java.util.regex.Pattern.quote(what("home", "20261130T190000Z",
                "snapshots", "zfs-snapshots", to) + ": every file matches the manifest (version 2 '") + "\\d{8}T\\d{6}Z'\\)");
        noCloneLeft();
    }

    @Test
    @Order(3)
    void atPicksTheSnapshotOfTheNewestMinuteAtOrBeforeTheTime() throws Exception {
        Path to = dir.resolve("at-first");
        CliProcess.Result r = rdump("restore", "home", "--to", to.toString(), "--at", "2026-11-30 18:59");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(differences(to, atFirst)).isEmpty();
        assertThat(Files.readString(to.resolve("etc/version"))).isEqualTo("one\n");
        assertThat(r.stdout()).contains(what("home", "20261130T180000Z", "snapshots", "zfs-snapshots", to)
                + ": every file matches the manifest (version 1 '");

        r = rdump("restore", "home", "--to", dir.resolve("at-exact").toString(), "--at", "2026-11-30T19:00:00Z");
        assertThat(r.stdout()).contains("restore of backup 20261130T190000Z of volume home");

        r = rdump("restore", "home", "--to", dir.resolve("at-early").toString(), "--at", "2026-11-30 17:59");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains(": no backup of volume home at or before 2026-11-30T17:59:00Z in"
                + " 'snapshots'; the oldest is 20261130T180000Z ('snapshots')");
    }

    @Test
    @Order(4)
    void onlyTheNamedPathsAreRestoredAndCheckedByStampOrSnapshotName() throws Exception {
        for (String archive : List.of("20261130T180000Z", src + "/home@" + FIRST)) {
            Path to = dir.resolve("paths-" + archive.length());
            CliProcess.Result r = rdump("restore", "home", "--to", to.toString(), "--archive", archive,
                    "--path", "etc", "--path", "home/alice/notes/note-20.txt");

            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            try (var walk = Files.walk(to)) {
                assertThat(walk.filter(Files::isRegularFile).map(p -> to.relativize(p).toString()).sorted())
                        .containsExactly("etc/empty", "etc/hello.sh", "etc/host.conf", "etc/version",
                                "home/alice/notes/note-20.txt");
            }
            assertThat(Files.readString(to.resolve("etc/version"))).isEqualTo("one\n");
            assertThat(r.stdout()).contains(what("home", "20261130T180000Z", "snapshots", "zfs-snapshots", to)
                    + ": every file under etc, home/alice/notes/note-20.txt matches the manifest (version 1 '");
        }
        noCloneLeft();
    }

    @Test
    @Order(5)
    void aPathNotInTheSnapshotIsAnErrorAndLeavesNoTargetNorClone() throws Exception {
        Path to = dir.resolve("missing");
        CliProcess.Result r = rdump("restore", "home", "--to", to.toString(), "--archive", "20261130T180000Z",
                "--path", "etc/added.txt");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains(": path 'etc/added.txt' is not in backup 20261130T180000Z of volume home"
                + " in 'snapshots' (zfs-snapshots); it is in backup 20261130T190000Z (newer); restore from there with"
                + " --archive");
        assertThat(to).doesNotExist();
        noCloneLeft();
    }

    @Test
    @Order(6)
    void aDryRunPrintsTheCloneCopyAndDestroyAndChangesNothing() throws Exception {
        Path to = dir.resolve("dry");
        CliProcess.Result r = rdump("restore", "home", "--to", to.toString(), "--dry-run");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        String snap = src + "/home@" + SECOND;
        assertThat(r.stdout()).contains("  backup 20261130T190000Z in 'snapshots' (zfs-snapshots): " + snap
                        + "; restore into " + to)
                .containsPattern("\\$ zfs clone -p -o mountpoint=\\S+/zfs-restore-\\p{XDigit}+ "
                        + java.util.regex.Pattern.quote(snap) + " " + src + "/rdump-restore-\\p{XDigit}+\\n")
                .containsPattern("\\$ cp -a -- \\S+/zfs-restore-\\p{XDigit}+/\\. " + to + "/\\n")
                .containsPattern("\\$ zfs clone -p -o mountpoint=\\S+ " + java.util.regex.Pattern.quote(snap)
                        + "-rsure " + src + "/rdump-restore-\\p{XDigit}+\\n")
                .containsPattern("\\$ cp -a -- \\S+/2sure.dat.gz " + to + "/2sure.dat.gz\\n")
                .contains("$ zfs destroy " + src + "/rdump-restore-");
        assertThat(to).doesNotExist();
        noCloneLeft();
    }

    /** A snapshot whose files differ from its companion's manifest restores with exit 5 naming the volume paths. */
    @Test
    @Order(7)
    void aSnapshotThatDiffersFromItsManifestRestoresWithExit5() throws Exception {
        SampleTree.tamper(live);
        String name = "rd0002-202611302000";
        ZfsPools.run("zfs", "snapshot", src + "/home@" + name);
        ZfsPools.run("zfs", "snapshot", src + "/home@" + name + "-rsure");
        Path to = dir.resolve("tampered");

        CliProcess.Result r = rdump("restore", "home", "--to", to.toString(), "--path", "etc");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(5);
        assertThat(SampleTree.differenceLines(r.stdout())).containsExactly(
                "+ file                   \"etc/extra.txt\"",
                "  [perm                ] \"etc/hello.sh\"",
                "  [sha1                ] \"etc/host.conf\"");
        assertThat(r.stderr()).contains(": " + what("home", "20261130T200000Z", "snapshots", "zfs-snapshots", to)
                + " (manifest version 2 '").contains("'): 3 differences from the manifest (listed at the end)");
        noCloneLeft();
    }

    @Test
    @Order(8)
    void aReplicaOnTheSecondPoolRestoresAfterTheSourceDatasetWasDestroyed() throws Exception {
        for (String held : ZfsPools.held(src + "/home")) { // the replications' holds for their next incremental
            for (String tag : List.of(dst + "/home", sshd.host() + ":" + dst + "/far")) {
                ZfsPools.RUNNER.run(org.rdump.api.command.Command.of("zfs", "release", "rdump-replica " + tag,
                        src + "/home@" + held).accepting(0, 1));
            }
        }
        ZfsPools.destroyRecursively(src + "/home"); // busy for a moment after the restores from its snapshots
        assertThat(ZfsPools.exists(src + "/home")).isFalse();

        Path to = dir.resolve("from-replica");
        CliProcess.Result r = rdump("restore", "away", "--to", to.toString(), "--archive", "20261130T180000Z");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(differences(to, atFirst)).isEmpty();
        assertThat(r.stdout()).contains(what("away", "20261130T180000Z", "replicas", "zfs-replicas", to)
                + ": every file matches the manifest (version 1 '");

        Path file = dir.resolve("one-file");
        r = rdump("restore", "away", "--to", file.toString(), "--path", "etc/added.txt");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(Files.readString(file.resolve("etc/added.txt"))).isEqualTo("new in the second\n");
        assertThat(r.stdout()).contains(what("away", "20261130T190000Z", "replicas", "zfs-replicas", file)
                + ": every file under etc/added.txt matches the manifest (version 2 '");
        noCloneLeft();
    }

    /** The replica on the "remote" host: listed, then restored over ssh after the source dataset was destroyed. */
    @Test
    @Order(9)
    void aReplicaOverSshIsRestoredFromThereAfterTheSourceDatasetWasDestroyed() throws Exception {
        assertThat(ZfsPools.exists(src + "/home")).as("destroyed by the test before").isFalse();
        Path to = dir.resolve("from-far");
        CliProcess.Result r = rdump("restore", "far", "--to", to.toString(), "--archive", "20261130T180000Z");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(differences(to, atFirst)).isEmpty();
        assertThat(Files.getAttribute(to.resolve("etc/hello.sh"), "unix:mode")).isEqualTo(0100755);
        assertThat(Files.readSymbolicLink(to.resolve("home/alice/host.conf"))).hasToString("../etc/host.conf");
        assertThat(r.stdout()).contains(what("far", "20261130T180000Z", "replicas", "zfs-replicas", to)
                + ": every file matches the manifest (version 1 '");

        Path some = dir.resolve("far-paths");
        r = rdump("restore", "far", "--to", some.toString(), "--at", "2026-11-30 19:30", "--path", "etc/added.txt",
                "--path", "with space");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(Files.readString(some.resolve("etc/added.txt"))).isEqualTo("new in the second\n");
        assertThat(Files.readString(some.resolve("with space/key=value.txt"))).isEqualTo("x=y\n");
        try (var walk = Files.walk(some)) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> some.relativize(p).toString()).sorted())
                    .containsExactly("etc/added.txt", "with space/key=value.txt");
        }
        assertThat(r.stdout()).contains(what("far", "20261130T190000Z", "replicas", "zfs-replicas", some)
                + ": every file under etc/added.txt, with space matches the manifest (version 2 '");
        noCloneLeft();
    }

    @Test
    @Order(10)
    void aDryRunOverSshPrintsTheRemoteCloneTheRsyncAndTheDestroy() throws Exception {
        Path to = dir.resolve("far-dry");
        CliProcess.Result r = rdump("restore", "far", "--to", to.toString(), "--path", "etc", "--dry-run");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        String ssh = "ssh -F " + sshd.clientConfig() + " -- " + sshd.host();
        assertThat(r.stdout()).contains("  backup 20261130T190000Z in 'replicas' (zfs-replicas): " + sshd.host() + ":"
                        + dst + "/far@" + SECOND + "; restore into " + to)
                .containsPattern(java.util.regex.Pattern.quote("$ " + ssh + " 'zfs clone -p -o mountpoint="
                        + pools.mount(dst) + "/rdump-restore-") + "\\p{XDigit}+ " + dst + "/far@" + SECOND + " " + dst
                        + "/rdump-restore-\\p{XDigit}+'\n")
                .containsPattern(java.util.regex.Pattern.quote("$ rsync -aH -AX --numeric-ids -s -e 'ssh -F "
                        + sshd.clientConfig() + "' --relative " + sshd.host() + ":" + pools.mount(dst) + "/rdump-restore-")
                        + "\\p{XDigit}+/\\./etc " + to + "/\n")
                .contains("$ " + ssh + " 'zfs destroy " + dst + "/rdump-restore-");
        assertThat(to).doesNotExist();
        noCloneLeft();
    }

    @Test
    @Order(11)
    void theMirrorsSnapshotsAreBackupsWithTheRunStampRestoredWholeByPathAndByTime() throws Exception {
        Path to = dir.resolve("mirror-full");
        CliProcess.Result r = rdump("restore", "boot", "--to", to.toString(), "--tool", "zfs");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(TreeSnapshot.of(to).differencesFrom(bootAtSecond)).isEmpty();
        assertThat(r.stdout()).contains(what("boot", mirrorSecond, "zfs", "zfs-mirror", to)
                + ": every file matches the manifest (version 2 '" + mirrorSecond + "')");

        Path one = dir.resolve("mirror-one");
        r = rdump("restore", "boot", "--to", one.toString(), "--archive", src + "/mirror@" + mirrorFirst,
                "--path", "etc/version");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(Files.readString(one.resolve("etc/version"))).isEqualTo("one\n");
        assertThat(r.stdout()).contains(what("boot", mirrorFirst, "zfs", "zfs-mirror", one)
                + ": every file under etc/version matches the manifest (version 1 '" + mirrorFirst + "')");

        Path at = dir.resolve("mirror-at");
        java.time.Instant first = java.time.Instant.from(org.rdump.api.ArchiveInfo.STAMP.parse(mirrorFirst));
        r = rdump("restore", "boot", "--to", at.toString(), "--at", first.plusMillis(500).toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(TreeSnapshot.of(at).differencesFrom(bootAtFirst)).isEmpty();

        r = rdump("restore", "boot", "--to", dir.resolve("mirror-missing").toString(), "--archive", mirrorFirst,
                "--path", "etc/added.txt");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("path 'etc/added.txt' is not in backup " + mirrorFirst + " of volume boot in"
                + " 'zfs' (zfs-mirror); it is in backup " + mirrorSecond + " (newer)");
        noCloneLeft();
    }
}
