package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeName;
import org.rdump.integrity.node.TestTree;

/** Reads the files the real rsure wrote (src/test/resources/rsure-0.10, see README.txt there). */
class RsureVectorsTest {
    static final Path V = WeaveTestSupport.vectors();

    @TempDir Path tmp;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("01-scan/2sure.dat.gz", List.of("v1")),
                Arguments.of("06-update/2sure.dat.gz", List.of("v2", "v1")),
                Arguments.of("06-update/2sure.bak.gz", List.of("v1")),
                Arguments.of("13-update-nochange/2sure.dat.gz", List.of("v3", "v2", "v1")),
                Arguments.of("16-zstd-scan/2sure.dat.zstd", List.of("z1")),
                Arguments.of("17-zstd-update/2sure.dat.zstd", List.of("z2", "z1")),
                Arguments.of("17-zstd-update/2sure.bak.zstd", List.of("z1")),
                Arguments.of("19-plain-scan/plain.dat", List.of("p1")),
                Arguments.of("20-plain-update/plain.dat", List.of("p2", "p1")),
                Arguments.of("20-plain-update/plain.bak", List.of("p1")),
                Arguments.of("24-single-rescan/single.dat.gz", List.of("s2", "s1")),
                Arguments.of("29-types-update/types.dat.gz", List.of("t2", "t1")),
                Arguments.of("inplace/2sure.dat.gz", List.of("i2", "i1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyVersionOfEveryStoreReads(String file, List<String> names) throws IOException {
        String suffix = file.endsWith(".gz") ? ".gz" : file.endsWith(".zstd") ? ".zstd" : "";
        Path copy = tmp.resolve("copy.dat" + suffix); // a .bak name would map to its .dat main file
        Files.copy(V.resolve(file), copy);
        ManifestFile m = ManifestFile.at(copy);
        assertThat(m.mainFile()).isEqualTo(copy);
        assertThat(m.versions()).extracting(DeltaInfo::name).containsExactlyElementsOf(names);
        for (DeltaInfo d : m.versions()) {
            List<Node> nodes = WeaveTestSupport.readAll(m.read(d.number()));
            assertThat(nodes.get(0)).isInstanceOf(Node.Enter.class);
            assertThat(((Node.Enter) nodes.get(0)).name().escaped()).isEqualTo("__root__");
            assertThat(d.tags()).containsKey("dir");
        }
    }

    @Test
    void headerFieldsAsRsureWroteThem() {
        ManifestFile m = ManifestFile.at(V.resolve("13-update-nochange/2sure.dat.gz"));
        DeltaInfo v3 = m.versions().get(0);
        assertThat(v3.number()).isEqualTo(3);
        assertThat(v3.tags()).containsExactly(Map.entry("dir", "/srv/rsure-demo/tree"), Map.entry("host", "test"));
        assertThat(v3.time()).isEqualTo(Instant.parse("2026-11-23T14:23:55.733522028Z"));
        assertThat(m.latest()).isEqualTo(3);
    }

    @Test
    void showOutputMatchesEveryNode() throws IOException {
        assertShow("03-show-v1/2sure.dat.gz", 1, "03-show-v1/stdout.txt");
        assertShow("09-show-v2/2sure.dat.gz", 2, "09-show-v2/stdout.txt");
        assertShow("18-zstd-show/2sure.dat.zstd", 2, "18-zstd-show/stdout.txt");
    }

    private void assertShow(String store, int version, String stdout) throws IOException {
        List<String> expected = Files.readAllLines(V.resolve(stdout), StandardCharsets.ISO_8859_1);
        List<String> actual = new ArrayList<>();
        actual.add(expected.get(0)); // "show <-f value>"
        for (Node n : WeaveTestSupport.readAll(ManifestFile.at(V.resolve(store)).read(version))) {
            actual.add(debug(n));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** rsure's Rust Debug rendering of a node. */
    private static String debug(Node n) {
        if (n instanceof Node.Sep) {
            return "Sep";
        }
        if (n instanceof Node.Leave) {
            return "Leave";
        }
        String kind = n instanceof Node.Enter ? "Enter" : "File";
        NodeName name = n instanceof Node.Enter e ? e.name() : ((Node.File) n).name();
        Map<String, String> atts = n instanceof Node.Enter e ? e.atts().asMap() : ((Node.File) n).atts().asMap();
        StringBuilder sb = new StringBuilder(kind).append(" { name: ").append(quote(name.escaped())).append(", atts: {");
        String sep = "";
        for (Map.Entry<String, String> a : atts.entrySet()) {
            sb.append(sep).append(quote(a.getKey())).append(": ").append(quote(a.getValue()));
            sep = ", ";
        }
        return sb.append("} }").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void versionsMatchTheTreeSnapshots() throws IOException {
        ManifestFile m = ManifestFile.at(V.resolve("06-update/2sure.dat.gz"));
        assertTree(WeaveTestSupport.readAll(m.read(1)), "tree-v1.tsv");
        assertTree(WeaveTestSupport.readAll(m.read(2)), "tree-v2.tsv");
    }

    /** Every row of the snapshot (escaped relative path, type, perm, uid, gid, size, mtime, ctime, ino, sha1/target). */
    private static void assertTree(List<Node> nodes, String tsv) throws IOException {
        Map<String, Map<String, String>> byPath = new HashMap<>();
        List<String> dirs = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof Node.Enter e) {
                dirs.add(e.name().escaped());
                byPath.put(String.join("/", dirs.subList(1, dirs.size())), e.atts().asMap());
            } else if (n instanceof Node.File f) {
                List<String> p = new ArrayList<>(dirs.subList(1, dirs.size()));
                p.add(f.name().escaped());
                byPath.put(String.join("/", p), f.atts().asMap());
            } else if (n instanceof Node.Leave) {
                dirs.remove(dirs.size() - 1);
            }
        }
        List<String> rows = Files.readAllLines(V.resolve(tsv), StandardCharsets.ISO_8859_1);
        int checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split("\t", -1);
            String path = c[0].equals(".") ? "" : c[0];
            Map<String, String> atts = byPath.get(path);
            assertThat(atts).as(path).isNotNull();
            String kind = switch (c[1]) {
                case "dir" -> "dir";
                case "file" -> "file";
                case "link", "lnk", "symlink" -> "lnk";
                default -> c[1];
            };
            assertThat(atts.get("kind")).as(path).isEqualTo(kind);
            assertThat(atts.get("perm")).as(path).isEqualTo(c[2]);
            assertThat(atts.get("uid")).isEqualTo(c[3]);
            if (kind.equals("file")) {
                assertThat(atts).as(path).containsEntry("size", c[5]).containsEntry("mtime", c[6])
                        .containsEntry("ctime", c[7]).containsEntry("ino", c[8]).containsEntry("sha1", c[9]);
            } else if (kind.equals("lnk")) {
                assertThat(atts).as(path).containsEntry("targ", c[9]);
            }
            checked++;
        }
        assertThat(byPath).hasSize(checked);
    }
}
