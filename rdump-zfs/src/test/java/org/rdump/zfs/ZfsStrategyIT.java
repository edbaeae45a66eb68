package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdump.api.RdumpException;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.ZfsTestPool;

/** The zfs-volumes strategy on a real zfs-fuse pool, with a fake integrity step and rsync as the backup. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZfsStrategyIT {
    ZfsTestPool pool;
    int counter;

    @TempDir
    Path tmp;

    @BeforeAll
    void createPool() {
        RequiredTools.need("rsync", "rsync");
        pool = ZfsTestPool.create("s");
    }

    @AfterAll
    void destroyPool() {
        if (pool != null) {
            pool.close();
        }
    }

    /** A fresh dataset holding {@code files} small files in a few directories. */
    String dataset(int files) throws IOException {
        String rel = "vol" + (++counter);
        ZfsTestPool.run("zfs", "create", pool.ds(rel));
        Path root = pool.mount(rel);
        for (int i = 0; i < files; i++) {
            Path dir = root.resolve("d" + (i % 7));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("file " + i + ".txt"), "content " + i + "\n".repeat(i % 5));
        }
        return rel;
    }

    VolumeSpec spec(String rel, boolean rsureSnapshot) {
        return new VolumeSpec(rel, "zfs-volumes", Settings.of(Map.of(
                "dataset", pool.ds(rel),
                "mount", pool.mount(rel).toString(),
                "clone", pool.ds("snaps/" + rel),
                "clone_mount", pool.mount("snaps/" + rel).toString(),
                "rsure_snapshot", rsureSnapshot)), List.of("rsure", "rsync"));
    }

    ZfsClient zfs() {
        return new ZfsClient(new LocalCommandRunner(), ZfsCommands.local());
    }

    @Test
    void backupRunsFromTheCloneAndLeavesOnlySnapshots() throws Exception {
        String rel = dataset(300);
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        FakePlanContext pc = new FakePlanContext("20261124T101500Z", backup);
        List<Step> steps = new ZfsStrategy().plan(spec(rel, true), pc);
        TestRunContext ctx = new TestRunContext(new LocalCommandRunner(), Clock.systemUTC(), false,
                "20261124T101500Z", tmp.resolve("scratch"));
        Files.createDirectories(tmp.resolve("scratch"));

        FakePlanContext.runAll(steps, ctx);

        String ds = pool.ds(rel);
        assertThat(zfs().listSnapshots(ds, false)).extracting(r -> r.snapshot().orElseThrow())
                .containsExactly("0000-202611241015", "0000-202611241015-rsure");
        assertThat(zfs().exists(pool.ds("snaps/" + rel))).as("clone destroyed").isFalse();
        // manifest copied back to the live dataset, listing every file (and the README)
        List<String> manifest = Files.readAllLines(pool.mount(rel).resolve(FakePlanContext.MANIFEST));
        assertThat(manifest).hasSize(301).contains("d0/file 0.txt", ZfsCloneStep.README);
        // the backup holds the clone's tree: files, manifest and README; the live dataset has no README
        try (Stream<Path> s = Files.walk(backup)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(302);
        }
        assertThat(Files.readString(backup.resolve(ZfsCloneStep.README))).contains(ds + "@0000-202611241015-rsure");
        assertThat(pool.mount(rel).resolve(ZfsCloneStep.README)).doesNotExist();
        assertThat(Files.readString(backup.resolve("d3/file 10.txt"))).isEqualTo("content 10");
    }

    /** A pool mounted away from /POOL: without mount and clone_mount, zfs says where they are. */
    @Test
    void withoutMountTheDatasetsRealMountpointIsUsedAndTheCloneGoesUnderThePool() throws Exception {
        String rel = dataset(5);
        VolumeSpec spec = new VolumeSpec(rel, "zfs-volumes", Settings.of(Map.of("dataset", pool.ds(rel))),
                List.of("rsure", "rsync"));
        Path backup = Files.createDirectories(tmp.resolve("backup-mp"));
        FakePlanContext pc = new FakePlanContext("20261124T101500Z", backup) {
            @Override
            public org.rdump.api.command.CommandRunner queryRunner() {
                return new LocalCommandRunner();
            }
        };
        List<Step> steps = new ZfsStrategy().plan(spec, pc);
        assertThat(pc.calls).contains("integrity " + pool.mount("snaps/" + rel) + " -> " + pool.mount(rel));
        TestRunContext ctx = TestRunContext.real(tmp.resolve("scratch-mp"));

        FakePlanContext.runAll(steps, ctx);

        assertThat(pool.mount(rel).resolve(FakePlanContext.MANIFEST)).as("copied back to the real mountpoint").exists();
        assertThat(zfs().exists(pool.ds("snaps/" + rel))).as("clone destroyed").isFalse();
    }

    @Test
    void changesAfterTheSnapshotAreNotBackedUp() throws Exception {
        String rel = dataset(20);
        Path backup = Files.createDirectories(tmp.resolve("backup2"));
        List<Step> steps = new ZfsStrategy().plan(spec(rel, false), new FakePlanContext("S2", backup));
        TestRunContext ctx = TestRunContext.real(tmp.resolve("scratch2"));
        steps.get(0).perform(ctx);
        Files.writeString(pool.mount(rel).resolve("late.txt"), "after the snapshot");
        FakePlanContext.runAll(steps.subList(1, steps.size()), ctx);
        assertThat(backup.resolve("late.txt")).doesNotExist();
        assertThat(backup.resolve("d1/file 1.txt")).exists();
        assertThat(zfs().exists(pool.ds("snaps/" + rel))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapshot", "clone", "get", "integrity", "-rsure", "rsync", "backup"})
    void aFailureAtAnyStepLeavesNoClone(String where) throws Exception {
        String rel = dataset(10);
        Path backup = Files.createDirectories(tmp.resolve("backup-" + where));
        FakePlanContext pc = new FakePlanContext("F" + counter, backup);
        pc.failIntegrity = where.equals("integrity");
        pc.failBackup = where.equals("backup");
        String trigger = switch (where) {
            case "snapshot" -> "snapshot " + pool.ds(rel) + "@";
            case "clone" -> "clone -p";
            case "get" -> "get -H -p -o name,property,value,source mountpoint " + pool.ds("snaps/" + rel);
            case "-rsure" -> "-rsure";
            case "rsync" -> "rsync";
            default -> "";
        };
        FaultyRunner runner = new FaultyRunner(new LocalCommandRunner(), trigger);
        Files.createDirectories(tmp.resolve("scratch-" + where));
        TestRunContext ctx = new TestRunContext(runner, Clock.systemUTC(), false, "x", tmp.resolve("scratch-" + where));
        List<Step> steps = new ZfsStrategy().plan(spec(rel, true), pc);

        assertThatThrownBy(() -> FakePlanContext.runAll(steps, ctx)).isInstanceOf(RdumpException.class)
                .hasMessageContaining("injected");

        assertThat(zfs().exists(pool.ds("snaps/" + rel))).as("clone after a failure in " + where).isFalse();
        assertThat(zfs().exists(pool.ds(rel))).isTrue();
    }

    @Test
    void leftoverCloneOfAnEarlierRunIsReplacedWithAWarning() throws Exception {
        String rel = dataset(5);
        ZfsTestPool.run("zfs", "snapshot", pool.ds(rel) + "@old");
        ZfsTestPool.run("zfs", "clone", "-p", "-o", "mountpoint=" + pool.mount("snaps/" + rel), pool.ds(rel) + "@old",
                pool.ds("snaps/" + rel));
        Path backup = Files.createDirectories(tmp.resolve("backup-left"));
        TestRunContext ctx = TestRunContext.real(tmp.resolve("scratch-left"));
        FakePlanContext.runAll(new ZfsStrategy().plan(spec(rel, false), new FakePlanContext("L1", backup)), ctx);
        assertThat(ctx.warnings()).singleElement().asString().contains("left by an earlier run");
        assertThat(zfs().exists(pool.ds("snaps/" + rel))).isFalse();
        assertThat(backup.resolve("d0/file 0.txt")).exists();
    }

    @Test
    void wrongLiveMountIsReportedWithTheFix() throws Exception {
        String rel = dataset(1);
        VolumeSpec bad = new VolumeSpec(rel, "zfs-volumes", Settings.of(Map.of("dataset", pool.ds(rel),
                "mount", "/nowhere", "clone_mount", pool.mount("snaps/" + rel).toString())), List.of("rsure"));
        TestRunContext ctx = TestRunContext.real(tmp.resolve("scratch-bad"));
        assertThatThrownBy(() -> FakePlanContext.runAll(new ZfsStrategy().plan(bad, new FakePlanContext("B", tmp)), ctx))
                .hasMessage("dataset " + pool.ds(rel) + " is mounted at " + pool.mount(rel) + ", not at /nowhere; set"
                        + " 'mount: " + pool.mount(rel) + "' for volume '" + rel + "'");
    }
}
