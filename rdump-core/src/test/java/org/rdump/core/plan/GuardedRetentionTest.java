package org.rdump.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Phase;
import org.rdump.api.PruneProtection;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.Fakes;
import org.rdump.core.guard.EmptyTreeGuardStep;
import org.rdump.core.guard.GuardState;
import org.rdump.core.guard.VolumeGuards;
import org.rdump.core.run.DefaultRunContext;
import org.rdump.core.run.RunResult;
import org.rdump.core.run.StepRunner;

/** A guarded volume's retention never runs: neither the tools' PruneStep nor a later-phase prune (zfs). */
class GuardedRetentionTest {
    @TempDir
    Path dir;

    /** A copy tool that records its prunes. */
    static final class PruneRecorder extends Fakes.CopyToolBase {
        final List<String> prunes = new ArrayList<>();

        @Override
        public void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
            prunes.add(volume + " " + protection.keepNewestBefore());
        }
    }

    /** Stands in for rdump-zfs's snapshot prune, which runs in the VERIFY phase under the volume's name. */
    record LaterPrune(String volume, List<String> log) implements Step {
        @Override
        public Phase phase() {
            return Phase.VERIFY;
        }

        @Override
        public String describe() {
            return "prune snapshots of " + volume;
        }

        @Override
        public void perform(RunContext context) {
            log.add(volume);
        }
    }

    @Test
    void aGuardedVolumesPrunesAreSkippedAndTheOtherVolumePrunesWithTheRecordedProtection() throws Exception {
        GuardState state = new GuardState(dir.resolve("lock.guards"));
        Path empty = Files.createDirectories(dir.resolve("boot"));
        Files.writeString(empty.resolve("snapstamp"), "x\n");
        Path full = Files.createDirectories(dir.resolve("data"));
        Files.writeString(full.resolve("f"), "f");
        Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
        state.record("data", new GuardState.Failure(earlier, "shrunk", 5, 500));
        PruneRecorder tool = new PruneRecorder();
        ToolTarget target = new ToolTarget("copies", "copy", Settings.of(Map.of("dest", dir.toString())));
        List<String> later = new ArrayList<>();
        List<Step> steps = Planner.byPhase(List.of(
                new EmptyTreeGuardStep(guards("boot", state), empty, Phase.BACKUP),
                new PruneStep("boot", tool, target, state, org.rdump.api.PruneProtection.NONE),
                new LaterPrune("boot", later),
                new EmptyTreeGuardStep(guards("data", state), full, Phase.BACKUP),
                new PruneStep("data", tool, target, state, org.rdump.api.PruneProtection.NONE),
                new LaterPrune("data", later)));

        RunResult r = new StepRunner().run(steps, new DefaultRunContext(new LocalCommandRunner(),
                Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC), false, e -> { },
                "20260201T000000Z", dir));

        assertThat(r.failedVolumes()).containsOnlyKeys("boot");
        assertThat(r.failedVolumes().get("boot")).hasMessage("volume 'boot': " + empty + " is empty (nothing but"
                + " rdump's own snapstamp and 2sure.* files), as an unmounted file system looks; nothing was backed up"
                + " and no backup was pruned; mount it (or check 'mount' and the snapshot settings) and run again");
        assertThat(tool.prunes).containsExactly("data [" + earlier + "]");
        assertThat(later).containsExactly("data");
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(state.failure("boot")).get().extracting(GuardState.Failure::at)
                .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void aSecondFailureKeepsTheFirstOnesTimeAndBaseline() {
        GuardState state = new GuardState(dir.resolve("lock.guards"));
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        state.record("boot", new GuardState.Failure(first, "one", 5, 500));
        state.record("boot", new GuardState.Failure(first.plusSeconds(3600), "two", 2, 200));

        assertThat(new GuardState(dir.resolve("lock.guards")).failure("boot"))
                .contains(new GuardState.Failure(first, "two", 5, 500));
        state.clear("boot");
        assertThat(state.failure("boot")).isEmpty();
        assertThat(state.protection("boot")).isEqualTo(PruneProtection.NONE);
    }

    private static VolumeGuards guards(String name, GuardState state) {
        return VolumeGuards.of(new VolumeSpec(name, "simple", Settings.of(Map.of("mount", "/" + name)), List.of()),
                state, false);
    }
}
