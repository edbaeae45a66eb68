package org.rdump.integrity.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.integrity.node.Node;

class TreeScannerTest {
    @TempDir
    Path tmp;

    static List<String> lines(TreeScanner s) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("asure-2.0");
        out.add("-----");
        for (Node n = s.next(); n != null; n = s.next()) {
            out.add(n.line());
        }
        return out;
    }

    static String strip(String line) {
        return line.replaceAll("(ctime|ino|sha1) \\S+ ", "");
    }

    @Test
    void scansTheVectorTreeExactlyAsRsureDidApartFromInodesCtimesAndHashes() throws Exception {
        Path tree = VectorTrees.makeTree(tmp.resolve("tree"));
        TreeScanner s = TreeScanner.of(tree);
        List<String> ours = lines(s).stream().map(TreeScannerTest::strip).toList();
        List<String> rsure = VectorTrees.v1Lines("01-scan", "2sure.dat.decompressed").stream()
                .map(TreeScannerTest::strip).toList();
        assertThat(ours).containsExactlyElementsOf(rsure);
        // rsure printed "scan: 6 dirs 29 files,  1.012MiB bytes" for this tree (01-scan/stdout.txt)
        assertThat(s.stats().directories()).isEqualTo(6);
        assertThat(s.stats().files()).isEqualTo(29);
        assertThat(s.stats().vanished()).isZero();
    }

    @Test
    void namesThatAreNotUtf8AreReadAsRawBytesByEveryWay() throws Exception {
        Path dir = VectorTrees.makeTree(tmp.resolve("tree"));
        List<byte[]> names = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.toString().contains("\uFFFD")) {
                    names.add(RawNames.fileName(p));
                    byte[] viaUri = RawNames.viaUri(p, p.toString());
                    byte[] viaString = RawNames.viaString(p);
                    assertThat(viaString).isEqualTo(viaUri);
                    assertThat(new String(viaUri, java.nio.charset.StandardCharsets.ISO_8859_1))
                            .endsWith(new String(RawNames.fileName(p), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(names).extracting(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))
                .containsExactlyInAnyOrder("latin1-\u00e9.txt", "dir-\u00ff");
    }

    @Test
    void thePortableAndTheFastWaysGiveTheSameStream() throws Exception {
        Path tree = VectorTrees.makeTree(tmp.resolve("tree"));
        assertThat(FastStat.available()).as("surefire runs with --add-opens java.base/sun.nio.fs").isTrue();
        assertThat(RawNames.direct()).isTrue();
        assertThat(lines(TreeScanner.of(tree).portableStat())).containsExactlyElementsOf(lines(TreeScanner.of(tree)));
    }

    private static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void aMountPointIsRecordedWithAnEmptyBody() throws Exception {
        Path tree = java.nio.file.Files.createDirectories(tmp.resolve("tree"));
        Path m = java.nio.file.Files.createDirectories(tree.resolve("m"));
        java.nio.file.Files.writeString(tree.resolve("z"), "z");
        org.rdump.testkit.RequiredTools.need("mount", "mount", "umount");
        org.rdump.testkit.RequiredTools.needCondition("mount", run("mount", "-t", "tmpfs", "none", m.toString()) == 0,
                "cannot mount a tmpfs (needs root)");
        try {
            java.nio.file.Files.writeString(m.resolve("inside"), "not scanned");
            List<String> lines = lines(TreeScanner.of(tree));
            assertThat(lines.subList(3, lines.size())).hasSize(6);
            assertThat(lines.get(3)).startsWith("dm [");
            assertThat(lines.subList(4, lines.size())).containsExactly("-", "u", "-", lines.get(7), "u");
            assertThat(lines.get(7)).startsWith("fz [");
        } finally {
            run("umount", m.toString());
        }
    }

    @Test
    void devicesSocketsAndSetuidBitsGetRsuresAttributes() throws Exception {
        Path tree = java.nio.file.Files.createDirectories(tmp.resolve("tree"));
        org.rdump.testkit.RequiredTools.need("mknod", "mknod");
        org.rdump.testkit.RequiredTools.needCondition("mknod",
                run("mknod", "-m", "0600", tree.resolve("chr").toString(), "c", "1", "3") == 0
                        && run("mknod", "-m", "0640", tree.resolve("blk").toString(), "b", "7", "200") == 0,
                "cannot create device nodes (needs root)");
        try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(java.net.UnixDomainSocketAddress.of(tree.resolve("sock")));
        }
        Path suid = java.nio.file.Files.writeString(tree.resolve("suid"), "");
        assertThat(run("chmod", "4755", suid.toString())).isZero();
        List<String> lines = lines(TreeScanner.of(tree));
        assertThat(lines).contains(
                "fblk [devmaj 7 devmin 200 gid 0 kind blk perm 416 uid 0 ]",
                "fchr [devmaj 1 devmin 3 gid 0 kind chr perm 384 uid 0 ]");
        assertThat(lines).anyMatch(l -> l.startsWith("fsock [gid 0 kind sock perm "));
        assertThat(lines).anyMatch(l -> l.startsWith("fsuid [") && l.contains(" perm 2541 "));
    }
}
