package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.StepCrashContract;
import org.rdump.testkit.ZfsTestPool;

/**
 * The zfs-volumes strategy's steps on a real zfs-fuse pool, killed after each step and right
 * after each zfs command: the undo records alone destroy the clone (and only the run's own), and
 * the live dataset is untouched.
 */
class ZfsStepCrashIT extends StepCrashContract {
    static ZfsTestPool pool;
    static int counter;
    final Map<Path, String> datasets = new HashMap<>();

    @BeforeAll
    static void createPool() {
        RequiredTools.need("rsync", "rsync");
        pool = ZfsTestPool.create("k");
    }

    @AfterAll
    static void destroyPool() {
        if (pool != null) {
            pool.close();
        }
    }

    private String rel(Path dir) throws Exception {
        String rel = datasets.get(dir);
        if (rel == null) {
            rel = "vol" + (++counter);
            ZfsTestPool.run("zfs", "create", pool.ds(rel));
            Files.writeString(pool.mount(rel).resolve("data.txt"), "live data\n");
            datasets.put(dir, rel);
        }
        return rel;
    }

    @Override
    protected List<Step> plan(Path dir) throws Exception {
        String rel = rel(dir);
        VolumeSpec spec = new VolumeSpec(rel, "zfs-volumes", Settings.of(Map.of(
                "dataset", pool.ds(rel),
                "mount", pool.mount(rel).toString(),
                "clone", pool.ds("snaps/" + rel),
                "clone_mount", pool.mount("snaps/" + rel).toString(),
                "rsure_snapshot", true)), List.of("rsure", "rsync"));
        return new ZfsStrategy().plan(spec, new FakePlanContext("20261201T120000Z",
                Files.createDirectories(dir.resolve("backup"))));
    }

    @Override
    protected CommandRunner runner(Path dir) {
        return new LocalCommandRunner();
    }

    @Override
    protected void assertNothingLeft(Path dir) throws Exception {
        String rel = rel(dir);
        List<String> clones = ZfsTestPool.run("zfs", "list", "-H", "-t", "filesystem", "-o", "name,origin", "-r",
                pool.ds("")).stdoutLines().stream().filter(l -> !l.endsWith("\t-")).toList();
        assertThat(clones).as("no clone is left").isEmpty();
        assertThat(pool.mount(rel).resolve("data.txt")).hasContent("live data");
    }
}
