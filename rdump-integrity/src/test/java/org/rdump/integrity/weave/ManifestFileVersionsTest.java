package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.TestTree;

class ManifestFileVersionsTest {
    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("x.dat", "x.dat.gz", "x.dat.zstd", "x.weave.gz");
    }

    @Property(tries = 80)
    void everyVersionReadsBackExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int count,
            @ForAll("suffixes") String fileName) throws IOException {
        Random r = new Random(seed);
        Path dir = Files.createTempDirectory("weave");
        try {
            ManifestFile m = ManifestFile.at(dir.resolve(fileName));
            TestTree tree = TestTree.random(r, 3, 4);
            List<List<Node>> written = new ArrayList<>();
            for (int v = 1; v <= count; v++) {
                if (v > 1) {
                    tree.mutate(r, 3);
                }
                List<Node> nodes = tree.nodes();
                Path plain = m.tempFileForStream();
                TestTree.write(nodes, plain);
                DeltaInfo d = m.addVersion(Map.of("name", "v" + v, "host", "h"), plain);
                Files.delete(plain);
                assertThat(d.number()).isEqualTo(v);
                written.add(nodes);
            }
            assertThat(m.latest()).isEqualTo(count);
            assertThat(m.versions()).extracting(DeltaInfo::number)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, count).map(i -> count + 1 - i)
                            .boxed().toList());
            assertThat(m.versions().get(0).tags()).containsExactly(Map.entry("host", "h"));
            for (int v = 1; v <= count; v++) {
                assertThat(WeaveTestSupport.readAll(m.read(v))).as("version %d", v).isEqualTo(written.get(v - 1));
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .allMatch(n -> n.startsWith("x.dat") || n.startsWith("x.bak"));
            }
        } finally {
            WeaveTestSupport.deleteTree(dir);
        }
    }

    /**
     * rsure's files may order entries by escaped name, not raw bytes: the merge must stay correct
     * (only the delta size depends on the order).
     */
    @Property(tries = 60)
    void versionsInMixedOrdersStillReadBackExactly(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int count)
            throws IOException {
        Random r = new Random(seed);
        Path dir = Files.createTempDirectory("weave");
        try {
            ManifestFile m = ManifestFile.at(dir.resolve("o.dat"));
            TestTree tree = TestTree.random(r, 3, 5);
            List<java.util.Comparator<org.rdump.integrity.node.NodeName>> orders = List.of(
                    org.rdump.integrity.node.NodeName.RAW_ORDER, org.rdump.integrity.node.NodeName.ESCAPED_ORDER,
                    org.rdump.integrity.node.NodeName.RAW_ORDER.reversed());
            List<List<Node>> written = new ArrayList<>();
            Path plain = dir.resolve("plain");
            for (int v = 1; v <= count; v++) {
                if (r.nextBoolean()) {
                    tree.mutate(r, 3);
                }
                List<Node> nodes = tree.nodes(orders.get(r.nextInt(orders.size())));
                TestTree.write(nodes, plain);
                m.addVersion(Map.of("name", "v" + v), plain);
                written.add(nodes);
            }
            for (int v = 1; v <= count; v++) {
                assertThat(WeaveTestSupport.readAll(m.read(v))).as("version %d", v).isEqualTo(written.get(v - 1));
            }
        } finally {
            WeaveTestSupport.deleteTree(dir);
        }
    }

    @Property(tries = 30)
    void anUnchangedVersionAddsOnlyAHeaderEntry(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        Path dir = Files.createTempDirectory("weave");
        try {
            ManifestFile m = ManifestFile.at(dir.resolve("u.dat"));
            TestTree tree = TestTree.random(r, 3, 4);
            Path plain = dir.resolve("plain");
            TestTree.write(tree.nodes(), plain);
            m.addVersion(Map.of("name", "a"), plain, Instant.EPOCH);
            tree.mutate(r, 3);
            TestTree.write(tree.nodes(), plain);
            m.addVersion(Map.of("name", "b"), plain, Instant.EPOCH);
            List<String> before = WeaveTestSupport.lines(Files.readAllBytes(m.mainFile()));
            m.addVersion(Map.of("name", "c"), plain, Instant.EPOCH);
            List<String> after = WeaveTestSupport.lines(Files.readAllBytes(m.mainFile()));
            assertThat(after.subList(1, after.size())).isEqualTo(before.subList(1, before.size()));
            assertThat(after.get(0)).endsWith(",{\"name\":\"c\",\"number\":3,\"tags\":{},\"time\":\"1970-01-01T00:00:00.000000000Z\"}]}");
        } finally {
            WeaveTestSupport.deleteTree(dir);
        }
    }

    @Property(tries = 50)
    void aDeltaHoldsOnlyTheChangedLines(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        Path dir = Files.createTempDirectory("weave");
        try {
            ManifestFile m = ManifestFile.at(dir.resolve("d.dat"));
            TestTree tree = TestTree.random(r, 3, 5);
            Path plain = dir.resolve("plain");
            List<String> v1 = TestTree.lines(tree.nodes());
            TestTree.write(tree.nodes(), plain);
            m.addVersion(Map.of("name", "a"), plain);
            tree.mutate(r, 3);
            List<String> v2 = TestTree.lines(tree.nodes());
            TestTree.write(tree.nodes(), plain);
            m.addVersion(Map.of("name", "b"), plain);
            List<String> weave = WeaveTestSupport.lines(Files.readAllBytes(m.mainFile()));
            long data = weave.stream().skip(1).filter(l -> !l.isEmpty() && !l.startsWith("\u0001")).count();
            java.util.Set<String> s1 = new java.util.HashSet<>(v1);
            java.util.Set<String> s2 = new java.util.HashSet<>(v2);
            long onlyNew = v2.stream().filter(l -> !s1.contains(l)).count();
            long onlyOld = v1.stream().filter(l -> !s2.contains(l)).count();
            // every stored line is in v1 or v2; "-" and "u" lines may be repeated, names are unique
            assertThat(data).isLessThanOrEqualTo(v1.size() + v2.size());
            assertThat(data).isGreaterThanOrEqualTo(v1.size() + onlyNew);
            assertThat(onlyOld).isLessThanOrEqualTo(data - v2.size());
        } finally {
            WeaveTestSupport.deleteTree(dir);
        }
    }
}
