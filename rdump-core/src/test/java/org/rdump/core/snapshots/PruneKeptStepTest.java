package org.rdump.core.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;

/** What pruning kept snapshots keeps and deletes (the pure plan). */
class PruneKeptStepTest {
    private static final PrunePolicy DAILY_2 = new PrunePolicy.TimeBuckets(0, 2, 0, 0, 0);

    @Test
    void onlyNamesOfTheSchemeAreDeletedAndTheNewestOfEachKeptDayStays() {
        PrunePlan plan = PruneKeptStep.plan("/home", "rdump-home-", DAILY_2, List.of("rdump-home",
                "rdump-home-0002-202612021900", "rdump-home-0000-202612010900", "rdump-home-0001-202612020800",
                "rdump-home-0003-202612030650", "work", "other-0001-202611010000"));

        assertThat(plan.destroy()).containsExactly("rdump-home-0000-202612010900", "rdump-home-0001-202612020800");
        assertThat(plan.keep()).containsExactly("rdump-home", "work", "other-0001-202611010000",
                "rdump-home-0002-202612021900", "rdump-home-0003-202612030650");
    }

    @Test
    void theNewestByNumberAlwaysStaysEvenWhenTheClockWentBack() {
        PrunePlan plan = PruneKeptStep.plan("/home", "rdump-home-", new PrunePolicy.Hanoi(0), List.of(
                "rdump-home-0000-202612030000", "rdump-home-0001-202601010000"));

        assertThat(plan.keep()).contains("rdump-home-0001-202601010000");
    }

    @Test
    void aNameWithMoreDigitsIsDeletedUnderItsOwnName() {
        PrunePlan plan = PruneKeptStep.plan("/home", "k-", new PrunePolicy.Hanoi(1), List.of(
                "k-00001-202612010000", "k-0002-202612010000", "k-0003-202612010000", "k-0004-202612010000"));

        // newest 4; then 3 (two bits), 2 (one bit); 00001 repeats one bit
        assertThat(plan.destroy()).containsExactly("k-00001-202612010000");
    }
}
