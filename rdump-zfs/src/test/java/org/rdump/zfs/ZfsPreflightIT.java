package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.PreflightProblem;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.ZfsTestPool;

/** The zfs-volumes pre-flight on a real zfs-fuse pool: nothing is snapshot or cloned by it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZfsPreflightIT {
    ZfsTestPool pool;

    @TempDir
    Path tmp;

    @BeforeAll
    void createPool() {
        pool = ZfsTestPool.create("p");
        ZfsTestPool.run("zfs", "create", pool.ds("home"));
    }

    @AfterAll
    void destroyPool() {
        if (pool != null) {
            pool.close();
        }
    }

    private List<PreflightProblem> preflight(Map<String, Object> settings, CommandRunner runner) {
        VolumeSpec spec = new VolumeSpec("home", "zfs-volumes", Settings.of(settings), List.of("rsync"));
        TestRunContext ctx = new TestRunContext(runner, Clock.systemUTC(), true, "20261124T101500Z", tmp);
        List<PreflightProblem> out = new ArrayList<>();
        for (Step s : new ZfsStrategy().plan(spec, new FakePlanContext("P", tmp))) {
            out.addAll(s.preflight(ctx));
        }
        return out;
    }

    private Map<String, Object> volume(String dataset, Path mount) {
        return Map.of("dataset", dataset, "mount", mount.toString(), "clone", pool.ds("snaps/home"),
                "clone_mount", pool.mount("snaps/home").toString());
    }

    @Test
    void anExistingDatasetAtItsMountIsFineAndNothingIsMade() {
        assertThat(preflight(volume(pool.ds("home"), pool.mount("home")), new LocalCommandRunner())).isEmpty();
        assertThat(ZfsTestPool.run("zfs", "list", "-H", "-o", "name", "-t", "all", "-r", pool.name).stdoutLines())
                .containsExactly(pool.name, pool.ds("home"));
    }

    @Test
    void aMissingDatasetIsNamed() {
        assertThat(preflight(volume(pool.ds("nothere"), pool.mount("nothere")), new LocalCommandRunner()))
                .containsExactly(new PreflightProblem("home", "dataset " + pool.ds("nothere") + " does not exist;"
                        + " check 'dataset' of volume 'home' ('zfs list' shows the datasets there are)"));
    }

    @Test
    void aDatasetMountedElsewhereIsNamedWithTheFix() {
        assertThat(preflight(volume(pool.ds("home"), Path.of("/nowhere")), new LocalCommandRunner()))
                .containsExactly(new PreflightProblem("home", "dataset " + pool.ds("home") + " is mounted at "
                        + pool.mount("home") + ", not at /nowhere; set 'mount: " + pool.mount("home")
                        + "' for volume 'home'"));
    }

    @Test
    void zfsMissingFromPathIsNamed() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        assertThat(preflight(volume(pool.ds("home"), pool.mount("home")), new LocalCommandRunner(bin.toString())))
                .containsExactly(new PreflightProblem("home", "zfs is not installed (not found on PATH=" + bin
                        + "); install it (apt-get install zfsutils-linux) or zfs-fuse"));
    }
}
