package org.rdump.zfs.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.RdumpException;

/** chain.json written and read back, chain selection, the full/incremental count and whole-chain retention. */
class StreamIndexTest {

    /** An index built from a pattern of full (true) and incremental (false) streams; the first is full. */
    static StreamIndex index(List<Boolean> fulls, String dataset) {
        List<StreamEntry> out = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < fulls.size(); i++) {
            boolean full = i == 0 || fulls.get(i);
            String stamp = ArchiveInfo.STAMP.format(t.plusSeconds(3600L * i));
            String snap = dataset + "@rd" + String.format("%04d", i) + "-2026120100" + String.format("%02d", i % 60);
            String base = full ? "" : out.get(i - 1).snapshot();
            String file = stamp + (full ? ".full.zfs" : ".incr.zfs");
            out.add(new StreamEntry(stamp, snap, base, file, 1000L + i, "%064x".formatted(i),
                    i % 3 == 0 ? "" : file + ".2sure.dat.gz", i % 2 == 0 ? "" : Long.toString(1234567L * i)));
        }
        return new StreamIndex(out);
    }

    @Provide
    Arbitrary<List<Boolean>> patterns() {
        return Arbitraries.of(true, false, false).list().ofMinSize(0).ofMaxSize(30);
    }

    @Property
    void whatIsWrittenIsReadBack(@ForAll("patterns") List<Boolean> fulls,
                                 @ForAll("datasets") String dataset) {
        StreamIndex index = index(fulls, dataset);
        assertThat(StreamIndex.parse(index.toJson(), Path.of("chain.json"))).isEqualTo(index);
    }

    @Provide
    Arbitrary<String> datasets() {
        return Arbitraries.strings().withChars("abz09_-.:\"\\é \t").ofMinLength(1).ofMaxLength(12)
                .map(s -> "tank/" + s);
    }

    @Property
    void theChainToAStreamStartsAtItsFullAndLinksEachBase(@ForAll("patterns") List<Boolean> fulls,
                                                          @ForAll @IntRange(min = 0, max = 29) int pick) {
        StreamIndex index = index(fulls, "tank/home");
        if (index.streams().isEmpty()) {
            return;
        }
        StreamEntry target = index.streams().get(pick % index.streams().size());
        List<StreamEntry> chain = index.chainTo(target.stamp());
        assertThat(chain.get(0).isFull()).isTrue();
        assertThat(chain.get(chain.size() - 1)).isEqualTo(target);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).isFull()).isFalse();
            assertThat(chain.get(i).base()).isEqualTo(chain.get(i - 1).snapshot());
        }
    }

    @Property
    void retentionKeepsWholeChainsTheNewestAndTheProtected(@ForAll("patterns") List<Boolean> fulls,
                                                           @ForAll @IntRange(min = 1, max = 5) int keep,
                                                           @ForAll @IntRange(min = 0, max = 29) int protect) {
        StreamIndex index = index(fulls, "tank/home");
        Set<String> protectedStamps = index.streams().isEmpty() ? Set.of()
                : Set.of(index.streams().get(protect % index.streams().size()).stamp());
        StreamIndex kept = index.retain(keep, protectedStamps);
        // every kept incremental still has its whole chain (the constructor checks the links)
        for (StreamEntry e : kept.streams()) {
            assertThat(kept.chainTo(e.stamp())).isEqualTo(index.chainTo(e.stamp()));
        }
        List<List<StreamEntry>> chains = index.chains();
        Set<List<StreamEntry>> expected = new HashSet<>(chains.subList(Math.max(0, chains.size() - keep), chains.size()));
        chains.stream().filter(c -> c.stream().anyMatch(e -> protectedStamps.contains(e.stamp()))).forEach(expected::add);
        assertThat(new HashSet<>(kept.chains())).isEqualTo(expected);
    }

    @Property
    void aFullStreamIsDueWhenTheNewestChainHasFullEveryStreams(@ForAll("patterns") List<Boolean> fulls,
                                                               @ForAll @IntRange(min = 1, max = 8) int fullEvery) {
        StreamIndex index = index(fulls, "tank/home");
        List<List<StreamEntry>> chains = index.chains();
        boolean due = chains.isEmpty() || chains.get(chains.size() - 1).size() >= fullEvery;
        assertThat(index.fullDue(fullEvery)).isEqualTo(due);
    }

    @Test
    void theFileHasAFixedShape() {
        StreamIndex index = index(List.of(true, false), "tank/home");
        assertThat(index.toJson()).isEqualTo("""
                {
                  "format": "rdump-zfs-stream-1",
                  "streams": [
                    {"stamp": "20261201T000000Z", "snapshot": "tank/home@rd0000-202612010000", "base": null, \
                "file": "20261201T000000Z.full.zfs", "size": 1000, "sha256": "%s", "manifest": null, "guid": null},
                    {"stamp": "20261201T010000Z", "snapshot": "tank/home@rd0001-202612010001", \
                "base": "tank/home@rd0000-202612010000", "file": "20261201T010000Z.incr.zfs", "size": 1001, \
                "sha256": "%s", "manifest": "20261201T010000Z.incr.zfs.2sure.dat.gz", "guid": "1234567"}
                  ]
                }
                """.formatted("0".repeat(64), "0".repeat(63) + "1"));
        assertThat(StreamIndex.EMPTY.toJson()).isEqualTo("{\n  \"format\": \"rdump-zfs-stream-1\",\n  \"streams\": []\n}\n");
    }

    @Test
    void aDamagedIndexIsAnErrorNamingTheFileAndWhatToDo() {
        Path where = Path.of("/backup/streams/home/chain.json");
        assertThatThrownBy(() -> StreamIndex.parse("{\"format\": \"rdump-zfs-stream-1\", \"streams\": [{\"stamp\": 1}]}",
                where)).isInstanceOf(RdumpException.class)
                .hasMessage("the stream index /backup/streams/home/chain.json cannot be read: 'stamp' of a stream is not"
                        + " a string: 1; restore it from a copy, or move the directory away to start a new chain");
        assertThatThrownBy(() -> StreamIndex.parse("{\"format\": \"other\"}", where))
                .hasMessageContaining("format is other, not rdump-zfs-stream-1");
        String broken = index(List.of(true, false), "tank/home").toJson().replace("\"base\": \"tank/home@rd0000",
                "\"base\": \"tank/home@rd9999");
        assertThatThrownBy(() -> StreamIndex.parse(broken, where)).hasMessageContaining(
                "stream 20261201T010000Z.incr.zfs is incremental from tank/home@rd9999-202612010000, but the stream"
                        + " before it is of tank/home@rd0000-202612010000");
        assertThatThrownBy(() -> StreamIndex.parse("{\"format\": \"rdump-zfs-stream-1\", \"streams\": [{\"stamp\": \"s\","
                + " \"snapshot\": \"t@a\", \"base\": null, \"file\": \"../x\", \"size\": 1, \"sha256\": \"" + "0".repeat(64)
                + "\", \"manifest\": null, \"guid\": null}]}", where)).hasMessageContaining("file is not a plain file name: '../x'");
    }

    @Test
    void aMissingIndexIsAnEmptyChainAndAWrittenOneIsReadBack(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertThat(StreamIndex.read(dir)).isEqualTo(StreamIndex.EMPTY);
        StreamIndex index = index(List.of(true, false, false, true), "tank/home");
        index.write(dir.resolve("home"));
        assertThat(StreamIndex.read(dir.resolve("home"))).isEqualTo(index);
        try (var list = Files.list(dir.resolve("home"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("chain.json");
        }
    }
}
