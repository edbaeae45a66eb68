package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.RestoredTree;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;
import org.rdump.testkit.ZfsTestPool;

class ZfsMirrorIT {
    @TempDir
    Path tmp;
    ZfsTestPool pool;

    @BeforeEach
    void setUp() {
        RequiredTools.need("rsync", "rsync");
        pool = ZfsTestPool.create("m");
        ZfsTestPool.run("zfs", "create", "-p", pool.ds("self/root"));
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    TestRunContext ctx(String stamp) throws Exception {
        return new TestRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, stamp,
                Files.createDirectories(tmp.resolve("scratch-" + stamp)));
    }

    @Test
    void mirrorsSnapshotsListsAndRestoresEachRun() throws Exception {
        ZfsMirror tool = new ZfsMirror();
        ToolTarget target = new ToolTarget("zfs", "zfs-mirror", Settings.of(Map.of(
                "volume", pool.ds("self/root"), "mount", pool.mount("self/root").toString())));
        TreeFixture tree = TreeFixture.sample(tmp.resolve("source"));
        TreeSnapshot first = TreeSnapshot.of(tree.root());
        for (Step s : tool.steps(new BackupRequest(target, "root", tree.root(), "root-A"))) {
            s.perform(ctx("A"));
        }
        tree.file("hello.txt", "changed\n").delete("data/small.bin");
        TreeSnapshot second = TreeSnapshot.of(tree.root());
        for (Step s : tool.steps(new BackupRequest(target, "root", tree.root(), "root-B"))) {
            s.perform(ctx("B"));
        }

        List<ArchiveInfo> listed = tool.list(target, "root", ctx("C"));
        assertThat(listed).extracting(ArchiveInfo::id).containsExactly(pool.ds("self/root") + "@A",
                pool.ds("self/root") + "@B");
        assertThat(TreeSnapshot.of(pool.mount("self/root")).differencesFrom(second)).isEmpty();

        RestoredTree restored = tool.restore(target, listed.get(0), Files.createDirectories(tmp.resolve("r1")), ctx("C"));
        assertThat(TreeSnapshot.of(restored.root()).differencesFrom(first)).isEmpty();
        assertThat(restored.inScratch()).isTrue();
        assertThat(new ZfsClient(new LocalCommandRunner(), ZfsCommands.local()).listTree(pool.name,
                List.of("name"), false)).extracting(ZfsRow::name).noneMatch(n -> n.contains("rdump-restore"));
    }

    @Test
    void preflightNamesAMissingMirrorDatasetAndPassesAnExistingOne() throws Exception {
        ZfsMirror tool = new ZfsMirror();
        ToolTarget good = new ToolTarget("zfs", "zfs-mirror", Settings.of(Map.of(
                "volume", pool.ds("self/root"), "mount", pool.mount("self/root").toString())));
        ToolTarget missing = new ToolTarget("zfs", "zfs-mirror", Settings.of(Map.of(
                "volume", pool.ds("self/gone"), "mount", pool.mount("self/gone").toString())));
        List<org.rdump.api.PreflightProblem> problems = new java.util.ArrayList<>();
        for (ToolTarget t : List.of(good, missing)) {
            for (Step s : tool.steps(new BackupRequest(t, "root", tmp.resolve("source"), "root-A"))) {
                problems.addAll(s.preflight(ctx("P")));
            }
        }
        assertThat(problems).containsExactly(new org.rdump.api.PreflightProblem("root", "the mirror dataset "
                + pool.ds("self/gone") + " does not exist; create it (zfs create " + pool.ds("self/gone")
                + ") or check 'volume' at " + Settings.of(Map.of()).locate("volume")));
        assertThat(ZfsTestPool.run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", pool.name).stdout())
                .isEmpty();
    }
}
