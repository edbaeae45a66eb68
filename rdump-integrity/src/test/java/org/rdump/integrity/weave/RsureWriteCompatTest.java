package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.TestTree;

/** Writes weaves from the node lines rsure stored and compares them with rsure's files. */
class RsureWriteCompatTest {
    static final Path V = WeaveTestSupport.vectors();

    @TempDir Path tmp;

    private Path plainOf(String store, int version) throws IOException {
        List<Node> nodes = WeaveTestSupport.readAll(ManifestFile.at(V.resolve(store)).read(version));
        Path p = tmp.resolve("plain-" + version + "-" + Math.abs(store.hashCode()));
        TestTree.write(nodes, p);
        return p;
    }

    private static DeltaInfo delta(String store, int number) {
        return ManifestFile.at(V.resolve(store)).versions().stream().filter(d -> d.number() == number).findFirst()
                .orElseThrow();
    }

    private static Map<String, String> tagsOf(DeltaInfo d) {
        var m = new java.util.HashMap<>(d.tags());
        m.put("name", d.name());
        return m;
    }

    private void add(ManifestFile m, String store, int version) throws IOException {
        DeltaInfo d = delta(store, version);
        m.addVersion(tagsOf(d), plainOf(store, version), d.time());
    }

    @Test
    void firstVersionIsByteIdenticalToRsure() throws IOException {
        for (String[] c : new String[][] {{"01-scan/2sure.dat.gz", "01-scan/2sure.dat.decompressed"},
                {"16-zstd-scan/2sure.dat.zstd", "16-zstd-scan/2sure.dat.decompressed"},
                {"19-plain-scan/plain.dat", "19-plain-scan/plain.dat"},
                {"28-types-scan/types.dat.gz", "28-types-scan/types.dat.decompressed"}}) {
            String suffix = c[0].endsWith(".gz") ? ".gz" : c[0].endsWith(".zstd") ? ".zstd" : "";
            ManifestFile m = ManifestFile.at(tmp.resolve("first" + Math.abs(c[0].hashCode()) + ".dat" + suffix));
            add(m, c[0], 1);
            assertThat(WeaveTestSupport.decompressed(m.mainFile())).as(c[0])
                    .isEqualTo(Files.readAllBytes(V.resolve(c[1])));
        }
    }

    @Test
    void laterVersionsHaveRsuresHeaderAndReadBackAsRsures() throws IOException {
        String store = "13-update-nochange/2sure.dat.gz";
        ManifestFile m = ManifestFile.at(tmp.resolve("2sure.dat.gz"));
        add(m, store, 1);
        add(m, store, 2);
        List<String> afterV2 = WeaveTestSupport.lines(WeaveTestSupport.decompressed(m.mainFile()));
        List<String> rsureV2 = WeaveTestSupport.lines(Files.readAllBytes(V.resolve("06-update/2sure.dat.decompressed")));
        assertSameFormatAndNoLargerThanRsure(afterV2, rsureV2);
        add(m, store, 3);
        List<String> afterV3 = WeaveTestSupport.lines(WeaveTestSupport.decompressed(m.mainFile()));
        List<String> rsureV3 = WeaveTestSupport.lines(Files.readAllBytes(V.resolve("13-update-nochange/2sure.dat.decompressed")));
        assertThat(afterV3.get(0)).isEqualTo(rsureV3.get(0));
        assertThat(afterV3.subList(1, afterV3.size())).isEqualTo(afterV2.subList(1, afterV2.size()));
        ManifestFile theirs = ManifestFile.at(V.resolve(store));
        for (int v = 1; v <= 3; v++) {
            assertThat(WeaveTestSupport.readAll(m.read(v))).isEqualTo(WeaveTestSupport.readAll(theirs.read(v)));
        }
        assertThat(WeaveTestSupport.decompressed(m.backupFile())).isEqualTo(String.join("\n", afterV2).getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void typeChangesWeaveLikeRsure() throws IOException {
        String store = "29-types-update/types.dat.gz";
        ManifestFile m = ManifestFile.at(tmp.resolve("types.dat.gz"));
        add(m, store, 1);
        add(m, store, 2);
        List<String> ours = WeaveTestSupport.lines(WeaveTestSupport.decompressed(m.mainFile()));
        List<String> theirs = WeaveTestSupport.lines(Files.readAllBytes(V.resolve("29-types-update/types.dat.decompressed")));
        assertSameFormatAndNoLargerThanRsure(ours, theirs);
        ManifestFile rs = ManifestFile.at(V.resolve(store));
        for (int v = 1; v <= 2; v++) {
            assertThat(WeaveTestSupport.readAll(m.read(v))).isEqualTo(WeaveTestSupport.readAll(rs.read(v)));
        }
    }

    /**
     * The same header line; control lines of the same form; every d/f line we store is one rsure
     * stores (as a multiset), so we never store more d/f lines than rsure. GNU diff pairs lines by
     * text, not by tree position (it re-inserts unchanged parent directories around a deleted
     * sub-tree, and shares '-'/'u' lines between directories), so the hunks differ in places.
     */
    private static void assertSameFormatAndNoLargerThanRsure(List<String> ours, List<String> theirs) {
        assertThat(ours.get(0)).isEqualTo(theirs.get(0));
        assertThat(ours.get(ours.size() - 1)).isEmpty(); // the file ends with a newline
        assertThat(ours.get(ours.size() - 2)).isEqualTo("\u0001E 1").isEqualTo(theirs.get(theirs.size() - 2));
        assertThat(ours.subList(1, 4)).isEqualTo(theirs.subList(1, 4));
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String l : theirs.subList(1, theirs.size())) {
            if (!l.startsWith("\u0001")) {
                counts.merge(l, 1, Integer::sum);
            }
        }
        int data = 0;
        for (String l : ours.subList(1, ours.size())) {
            if (l.startsWith("\u0001")) {
                assertThat(l).matches("\u0001[IDE] [12]");
            } else {
                if (!l.startsWith("d") && !l.startsWith("f")) {
                    continue; // structure lines are paired differently by GNU diff
                }
                data++;
                assertThat(counts.merge(l, -1, Integer::sum)).as("line %s", l).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(data).isLessThanOrEqualTo((int) theirs.stream().skip(1)
                .filter(l -> l.startsWith("d") || l.startsWith("f")).count());
    }
}
