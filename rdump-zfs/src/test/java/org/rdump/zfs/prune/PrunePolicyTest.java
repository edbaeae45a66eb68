package org.rdump.zfs.prune;

import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;
import org.rdump.api.support.prune.SnapshotName;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rdump.api.command.Command;
import org.rdump.zfs.ZfsRow;
import org.rdump.zfs.ZfsTree;

class PrunePolicyTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);

    /** Histories: increasing numbers (gaps allowed) at increasing times (gaps of minutes to weeks). */
    @Provide
    Arbitrary<List<SnapshotName>> histories() {
        return Arbitraries.integers().between(1, 4000).list().ofMinSize(0).ofMaxSize(80).flatMap(gaps ->
                Arbitraries.integers().between(1, 4).list().ofSize(gaps.size()).map(numGaps -> {
                    List<SnapshotName> out = new ArrayList<>();
                    int n = 0;
                    LocalDateTime t = T0;
                    for (int i = 0; i < gaps.size(); i++) {
                        n += numGaps.get(i);
                        t = t.plusMinutes(gaps.get(i) * 7L);
                        out.add(new SnapshotName("rd", n, t));
                    }
                    return out;
                }));
    }

    @Property(tries = 200)
    void hanoiKeepsTheNewestAndOnePerPopcount(@ForAll("histories") List<SnapshotName> h,
                                              @ForAll @IntRange(min = 0, max = 12) int keepNewest) {
        Set<SnapshotName> keep = new PrunePolicy.Hanoi(keepNewest).keep(h);
        assertThat(h).containsAll(keep);
        int n = h.size();
        assertThat(keep).containsAll(h.subList(Math.max(0, n - keepNewest), n));
        List<SnapshotName> older = h.subList(0, Math.max(0, n - keepNewest));
        Map<Integer, List<SnapshotName>> byPop = older.stream()
                .collect(Collectors.groupingBy(s -> Integer.bitCount(s.number())));
        // exactly the newest of each popcount among the older ones
        Set<SnapshotName> expectedOlder = new HashSet<>();
        byPop.values().forEach(l -> expectedOlder.add(l.get(l.size() - 1)));
        Set<SnapshotName> keptOlder = new HashSet<>(keep);
        keptOlder.retainAll(older);
        assertThat(keptOlder).isEqualTo(expectedOlder);
        assertThat(keep.size()).isLessThanOrEqualTo(keepNewest + 32);
    }

    @Property(tries = 200)
    void timeBucketsKeepTheNewestAndAtMostOnePerBucket(@ForAll("histories") List<SnapshotName> h,
                                                      @ForAll @IntRange(max = 5) int hourly,
                                                      @ForAll @IntRange(max = 5) int daily,
                                                      @ForAll @IntRange(max = 3) int weekly,
                                                      @ForAll @IntRange(max = 3) int monthly) {
        Set<SnapshotName> keep = new PrunePolicy.TimeBuckets(hourly, daily, weekly, monthly, 1).keep(h);
        assertThat(h).containsAll(keep);
        if (!h.isEmpty()) {
            assertThat(keep).contains(h.get(h.size() - 1));
        }
        assertThat(keep.size()).isLessThanOrEqualTo(1 + hourly + daily + weekly + monthly + 1);
        // the newest snapshot of each of the `daily` newest days is kept
        Map<java.time.LocalDate, List<SnapshotName>> byDay = h.stream()
                .collect(Collectors.groupingBy(s -> s.time().toLocalDate()));
        byDay.keySet().stream().sorted(java.util.Comparator.reverseOrder()).limit(daily)
                .forEach(d -> assertThat(keep).contains(byDay.get(d).get(byDay.get(d).size() - 1)));
    }

    @Property(tries = 200)
    void prunerNeverDestroysTheNewestOrProtectedOrForeignNames(@ForAll("histories") List<SnapshotName> h,
                                                               @ForAll @IntRange(max = 3) int keepNewest) {
        List<String> names = new ArrayList<>(h.stream().map(SnapshotName::format).toList());
        names.add(Math.min(names.size(), 1), "manual-keep");
        Set<String> prot = names.isEmpty() ? Set.of() : Set.of(names.get(0));
        PrunePlan plan = new Pruner("rd", new PrunePolicy.Hanoi(keepNewest)).plan("p/a", names, prot);
        assertThat(plan.destroy()).doesNotContain("manual-keep").doesNotContainAnyElementsOf(prot)
                .doesNotContain(names.get(names.size() - 1));
        List<String> all = new ArrayList<>(plan.keep());
        all.addAll(plan.destroy());
        assertThat(all).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void hanoiByHand() {
        List<SnapshotName> h = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            h.add(new SnapshotName("", i, T0.plusDays(i)));
        }
        // newest 2 kept (8, 7); older: 6 (pop 2), 5 (pop 2), 4 (pop 1), 3 (pop 2), 2 (pop 1), 1 (pop 1)
        assertThat(new PrunePolicy.Hanoi(2).keep(h)).extracting(SnapshotName::number).containsExactly(8, 7, 6, 4);
    }

    @Test
    void namesAndNextNumberUnderATree() {
        SnapshotName n = new SnapshotName("rd-", 12, LocalDateTime.of(2026, 11, 24, 10, 15));
        assertThat(n.format()).isEqualTo("rd-0012-202611241015");
        assertThat(SnapshotName.parse("rd-", "rd-0012-202611241015")).contains(n);
        assertThat(SnapshotName.parse("rd-", "xx-0012-202611241015")).isEmpty();
        assertThat(SnapshotName.parse("rd.", "rdx0012-202611241015")).as("prefix is literal").isEmpty();
        ZfsTree t = ZfsTree.of("tank/a", List.of(new ZfsRow("tank/a", Map.of()), new ZfsRow("tank/a@rd-0003-202601010000", Map.of()),
                new ZfsRow("tank/a/b", Map.of()), new ZfsRow("tank/a/b@rd-0041-202601010000", Map.of()),
                new ZfsRow("tank/a/b@other", Map.of())));
        assertThat(org.rdump.zfs.RunSnapshot.nextNumber("rd-", t)).isEqualTo(42);
        assertThat(org.rdump.zfs.RunSnapshot.nextNumber("zz", t)).isZero();
        assertThat(Command.quote(n.format())).isEqualTo(n.format());
    }
}
