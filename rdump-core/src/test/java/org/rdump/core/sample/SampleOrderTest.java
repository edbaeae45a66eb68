package org.rdump.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class SampleOrderTest {
    /** Runs slices of {@code count} from the start until one completes the cycle. */
    private static List<SampleOrder.Slice> cycle(long seed, List<String> entries, long count) {
        List<SampleOrder.Slice> out = new ArrayList<>();
        OptionalLong after = OptionalLong.empty();
        for (int i = 0; i <= entries.size(); i++) {
            SampleOrder.Slice s = SampleOrder.next(seed, entries, after, count);
            out.add(s);
            if (s.completes()) {
                return out;
            }
            after = OptionalLong.of(s.cursor());
        }
        throw new AssertionError("no slice completed the cycle");
    }

    @Property
    void successiveSlicesCheckEveryEntryExactlyOnceInCeilOfTotalOverCountRuns(
            @ForAll @Size(min = 1, max = 200) @UniqueElements List<@StringLength(min = 1, max = 12) String> entries,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 250) int count) {
        List<SampleOrder.Slice> slices = cycle(seed, entries, count);
        List<String> seen = new ArrayList<>();
        slices.forEach(s -> seen.addAll(s.paths()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(entries).doesNotHaveDuplicates();
        assertThat(slices).hasSize((entries.size() + count - 1) / count);
        slices.subList(0, slices.size() - 1).forEach(s -> assertThat(s.paths()).hasSize(count));
    }

    @Property
    void anEntryKeepsItsPlaceWhenOthersComeAndGo(
            @ForAll @Size(min = 2, max = 100) @UniqueElements List<@StringLength(min = 1, max = 12) String> entries,
            @ForAll long seed) {
        // a backup that lost half its entries continues the cycle: nothing checked before comes again
        SampleOrder.Slice first = SampleOrder.next(seed, entries, OptionalLong.empty(), entries.size() / 2);
        List<String> later = entries.subList(entries.size() / 2, entries.size());
        SampleOrder.Slice rest = SampleOrder.next(seed, later, OptionalLong.of(first.cursor()), entries.size());
        assertThat(rest.paths()).doesNotContainAnyElementsOf(first.paths());
        Set<String> union = new HashSet<>(first.paths());
        union.addAll(rest.paths());
        assertThat(union).as("every entry of the later backup not checked yet").containsAll(later.stream()
                .filter(p -> Long.compareUnsigned(SampleOrder.position(seed, p), first.cursor()) > 0).toList());
        assertThat(rest.completes()).isTrue();
    }

    @Test
    void anotherSeedIsAnotherOrder() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add("home/alice/notes/note-" + i + ".txt");
        }
        assertThat(SampleOrder.next(1, entries, OptionalLong.empty(), 10).paths())
                .isNotEqualTo(SampleOrder.next(2, entries, OptionalLong.empty(), 10).paths());
        assertThat(SampleOrder.next(1, entries, OptionalLong.empty(), 10).paths())
                .isEqualTo(SampleOrder.next(1, entries, OptionalLong.empty(), 10).paths());
    }

    @Test
    void leavesAreEverythingButDirectoriesThatHoldSomething() {
        assertThat(SampleOrder.leaves(List.of("etc", "etc/host.conf", "etc/ssh", "etc/ssh/sshd_config", "srv", "tmp",
                "tmp/x", "z"))).containsExactly("etc/host.conf", "etc/ssh/sshd_config", "srv", "tmp/x", "z");
        assertThat(SampleOrder.leaves(List.of("a", "ab", "b", "b/c", "b c"))).as("a sibling with a longer name is no"
                + " child: a is an empty directory").containsExactly("a", "ab", "b/c", "b c");
    }

    @Test
    void aCountBelowOneIsRefused() {
        assertThatThrownBy(() -> SampleOrder.next(1, List.of("a"), OptionalLong.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be at least 1: 0");
    }
}
