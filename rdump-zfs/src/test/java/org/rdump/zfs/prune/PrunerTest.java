package org.rdump.zfs.prune;

import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;
import org.rdump.api.support.prune.PruneSettings;
import org.rdump.api.support.prune.SnapshotName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdump.api.ConfigException;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;

/** The pruner's rules beyond the policies: companions, the newest of the scheme, holds, pending names, settings. */
class PrunerTest {
    static String n(int i) {
        return new SnapshotName("", i, LocalDateTime.of(2026, 1, 1, 0, 0).plusDays(i)).format();
    }

    @Test
    void aRsureCompanionGoesAndStaysWithItsBase() {
        List<String> names = List.of(n(1), n(1) + "-rsure", n(2), n(2) + "-rsure", n(3), n(3) + "-rsure", "manual");
        PrunePlan plan = new Pruner("", new PrunePolicy.Hanoi(1)).plan("t/a", names, Set.of());
        // keep newest 1 (3); of the rest the newest per popcount: 2 (pop 1) kept, 1 (pop 1) goes
        assertThat(plan.destroy()).containsExactly(n(1), n(1) + "-rsure");
        assertThat(plan.keep()).containsExactly(n(2), n(2) + "-rsure", n(3), n(3) + "-rsure", "manual");
    }

    @Test
    void theNewestOfTheSchemeStaysEvenWhenAForeignSnapshotIsNewer() {
        List<String> names = List.of(n(1), n(2), "manual-later");
        PrunePlan plan = new Pruner("", new PrunePolicy.TimeBuckets(0, 0, 0, 0, 1)).plan("t/a", names, Set.of());
        assertThat(plan.destroy()).containsExactly(n(1));
    }

    @Test
    void protectingABaseProtectsItsCompanion() {
        List<String> names = List.of(n(1), n(1) + "-rsure", n(4), n(5), n(6));
        PrunePlan plan = new Pruner("", new PrunePolicy.Hanoi(0)).plan("t/a", names, Set.of(n(1)));
        assertThat(plan.keep()).contains(n(1), n(1) + "-rsure");
    }

    @Test
    void heldSnapshotsStayAndPendingOnesCountInADryRun() {
        // t/a has 1..4; 2 is held; the run will add 5 (dry run: not there yet)
        RecordingCommandRunner r = new RecordingCommandRunner(c -> {
            String a = String.join(" ", c.argv());
            if (a.contains("-o name,userrefs")) {
                return Reply.ok("t/a@" + n(1) + "\t0\nt/a@" + n(2) + "\t1\nt/a@" + n(3) + "\t0\nt/a@" + n(4) + "\t0\n");
            }
            if (a.contains("-o name,creation,used")) {
                return Reply.ok("t/a@" + n(1) + "\t1\t0\nt/a@" + n(2) + "\t1\t0\nt/a@" + n(3) + "\t1\t0\nt/a@" + n(4)
                        + "\t1\t0\n");
            }
            return Reply.OK;
        });
        ZfsClient zfs = new ZfsClient(r, ZfsCommands.local());
        List<RunEvent> events = new ArrayList<>();
        PrunePlan plan = new Pruner("", new PrunePolicy.Hanoi(1)).prune(zfs, zfs, "t/a", Set.of(), List.of(n(5)), true,
                events::add);
        // newest 1: 5 (pending); popcounts: 4 -> 1, 3 -> 2, 2 -> held, 1 -> pop 1 again: goes
        assertThat(plan.destroy()).containsExactly(n(1));
        assertThat(plan.keep()).containsExactly(n(2), n(3), n(4), n(5));
        assertThat(events).extracting(e -> ((RunEvent.DryRun) e).line()).containsExactly("would destroy t/a@" + n(1));
        assertThat(r.argvs()).noneMatch(a -> a.contains("destroy"));
    }

    @Test
    void settingsReadEitherPolicyAndRejectEmptyOrMixedOnes() {
        Settings hanoi = Settings.of(Map.of("prune", Map.of("hanoi", 8, "prefix", "rd", "side", "both")));
        PruneSettings h = PruneSettings.from(hanoi, "prune", "").orElseThrow();
        assertThat(h).isEqualTo(new PruneSettings(new PrunePolicy.Hanoi(8), "rd", PruneSettings.Side.BOTH));
        assertThat(h.describe()).isEqualTo("hanoi 8");
        PruneSettings t = PruneSettings.from(Settings.of(Map.of("prune", Map.of("hourly", 24, "daily", 7, "weekly", 4,
                "monthly", 6, "yearly", 1))), "prune", "x").orElseThrow();
        assertThat(t.policy()).isEqualTo(new PrunePolicy.TimeBuckets(24, 7, 4, 6, 1));
        assertThat(t.prefix()).isEqualTo("x");
        assertThat(t.side()).isEqualTo(PruneSettings.Side.SOURCE);
        assertThat(t.describe()).isEqualTo("hourly 24, daily 7, weekly 4, monthly 6, yearly 1");
        assertThat(PruneSettings.from(Settings.of(Map.of()), "prune", "")).isEmpty();
        assertThatThrownBy(() -> PruneSettings.from(Settings.of(Map.of("prune", Map.of())), "prune", ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs 'hanoi: N' or at least one of");
        assertThatThrownBy(() -> PruneSettings.from(Settings.of(Map.of("prune", Map.of("hanoi", 3, "daily", 2))),
                "prune", "")).isInstanceOf(ConfigException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> PruneSettings.from(Settings.of(Map.of("prune", Map.of("daily", -1))), "prune", ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("from 0 to 100000");
    }
}
