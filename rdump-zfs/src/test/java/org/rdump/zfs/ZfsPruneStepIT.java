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
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.ZfsTestPool;
import org.slf4j.Logger;

/**
 * {@code prune:} on a zfs-volumes volume, on a real zfs-fuse pool: four runs with Hanoi(1) leave
 * the original's thinning (with each -rsure companion), and a dry run before the fourth lists
 * exactly what the real run then destroys, counting the snapshot the run has not taken yet.
 */
class ZfsPruneStepIT {
    @TempDir
    Path tmp;
    ZfsTestPool pool;

    @BeforeEach
    void setUp() {
        RequiredTools.need("rsync", "rsync");
        pool = ZfsTestPool.create("n");
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Dry-run context: mutations recorded, listings real (as core's dry run). */
    record DryContext(TestRunContext inner, CommandRunner recorder) implements RunContext {
        @Override
        public CommandRunner runner() {
            return recorder;
        }

        @Override
        public CommandRunner queryRunner() {
            return inner.runner();
        }

        @Override
        public Clock clock() {
            return inner.clock();
        }

        @Override
        public boolean dryRun() {
            return true;
        }

        @Override
        public RunListener listener() {
            return inner.listener();
        }

        @Override
        public String runStamp() {
            return inner.runStamp();
        }

        @Override
        public Path scratchDirectory() {
            return inner.scratchDirectory();
        }

        @Override
        public Logger logger(String name) {
            return inner.logger(name);
        }
    }

    @Test
    void fourRunsWithHanoiOneThinTheHistoryAndADryRunListsTheSame() throws Exception {
        ZfsTestPool.run("zfs", "create", pool.ds("home"));
        Files.writeString(pool.mount("home").resolve("f.txt"), "data");
        VolumeSpec spec = new VolumeSpec("home", "zfs-volumes", Settings.of(Map.of(
                "dataset", pool.ds("home"), "mount", pool.mount("home").toString(),
                "clone", pool.ds("snaps/home"), "clone_mount", pool.mount("snaps/home").toString(),
                "rsure_snapshot", true, "snapshot_prefix", "rd", "prune", Map.of("hanoi", 1))), List.of("rsure", "rsync"));
        ZfsClient zfs = new ZfsClient(new LocalCommandRunner(), ZfsCommands.local());
        String day4 = "20260104T000000Z";
        for (int day = 1; day <= 3; day++) {
            String stamp = "2026010" + day + "T000000Z";
            run(spec, stamp, tmp.resolve("b" + day));
        }
        assertThat(names(zfs)).containsExactly("rd0000-202601010000", "rd0000-202601010000-rsure",
                "rd0001-202601020000", "rd0001-202601020000-rsure", "rd0002-202601030000", "rd0002-202601030000-rsure");

        TestRunContext inner = new TestRunContext(new LocalCommandRunner(), Clock.systemUTC(), true, day4,
                Files.createDirectories(tmp.resolve("dry")));
        List<Step> steps = new ZfsStrategy().plan(spec, new FakePlanContext(day4, tmp.resolve("b4")));
        DryContext dry = new DryContext(inner, new RecordingCommandRunner());
        steps.get(0).perform(dry);
        steps.get(steps.size() - 1).perform(dry);
        assertThat(inner.events()).filteredOn(e -> e instanceof RunEvent.DryRun).extracting(e -> ((RunEvent.DryRun) e).line())
                .containsExactly("would destroy " + pool.ds("home") + "@rd0001-202601020000",
                        "would destroy " + pool.ds("home") + "@rd0001-202601020000-rsure");
        assertThat(names(zfs)).as("a dry run changes nothing").hasSize(6);

        run(spec, day4, tmp.resolve("b4"));
        // newest (3) kept; of the older: 2 newest with one set bit, 1 goes, 0 (no set bit) kept
        assertThat(names(zfs)).containsExactly("rd0000-202601010000", "rd0000-202601010000-rsure",
                "rd0002-202601030000", "rd0002-202601030000-rsure", "rd0003-202601040000", "rd0003-202601040000-rsure");
        assertThat(zfs.exists(pool.ds("snaps/home"))).as("clone destroyed").isFalse();
    }

    private void run(VolumeSpec spec, String stamp, Path backup) throws Exception {
        Files.createDirectories(backup);
        TestRunContext ctx = new TestRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, stamp,
                Files.createDirectories(tmp.resolve("scratch-" + stamp)));
        FakePlanContext.runAll(new ZfsStrategy().plan(spec, new FakePlanContext(stamp, backup)), ctx);
        assertThat(ctx.warnings()).isEmpty();
    }

    private List<String> names(ZfsClient zfs) {
        return zfs.listSnapshots(pool.ds("home"), false).stream().map(r -> r.snapshot().orElseThrow()).toList();
    }
}
