package org.rdump.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.integrity.hash.HashOptions;
import org.rdump.integrity.node.NodeReader;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.scan.TreeScanner;
import org.rdump.integrity.scan.VectorTrees;
import org.slf4j.LoggerFactory;

class UpdaterTest {
    @TempDir
    Path tmp;

    private final Updater updater = new Updater(HashOptions.defaults(), p -> { }, LoggerFactory.getLogger("test"));

    private record Version(UpdateCounts counts, String text) {
        NodeSource source() {
            return new NodeReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "version");
        }

        List<String> lines() {
            return Arrays.asList(text.split("\n"));
        }
    }

    private Version update(Path tree, Version previous) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UpdateCounts c = updater.write(previous == null ? null : previous.source(), TreeScanner.of(tree), out);
        return new Version(c, out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theFirstVersionHashesEveryFileAsRsureDid() throws Exception {
        Path tree = VectorTrees.makeTree(tmp.resolve("tree"));
        Version v1 = update(tree, null);
        List<String> rsure = VectorTrees.v1Lines("01-scan", "2sure.dat.decompressed");
        assertThat(v1.lines().stream().map(l -> l.replaceAll("(ctime|ino) \\S+ ", "")).toList())
                .containsExactlyElementsOf(rsure.stream().map(l -> l.replaceAll("(ctime|ino) \\S+ ", "")).toList());
        // rsure: "25/25 files" hashed
        assertThat(v1.counts()).isEqualTo(new UpdateCounts(6, 29, v1.counts().bytes(), 25, v1.counts().hashedBytes(), 0, 0, 0));
    }

    @Test
    void hashesAreReusedOnlyWhenInodeAndCtimeMatch() throws Exception {
        Path tree = VectorTrees.makeTree(tmp.resolve("tree"));
        Version v1 = update(tree, null);
        Version same = update(tree, v1);
        assertThat(same.counts().hashedFiles()).isZero();
        assertThat(same.counts().reusedFiles()).isEqualTo(25);
        assertThat(same.text()).isEqualTo(v1.text());

        VectorTrees.nextSecond();
        VectorTrees.modifyToV2(tree);
        Files.setPosixFilePermissions(tree.resolve("ro.txt"), PosixFilePermissions.fromString("r--------"));
        Version v2 = update(tree, v1);
        // rsure re-hashed 8 (06-update) including x-y through quirk Q1; here: small, blk8193, big,
        // exec.sh (chmod), with space.txt (touch), added file, nf.txt, and ro.txt (chmod)
        assertThat(v2.counts().hashedFiles()).isEqualTo(8);
        assertThat(v2.counts().reusedFiles()).isEqualTo(16); // 24 regular files in v2
        assertThat(v2.lines()).anyMatch(l -> l.startsWith("fx-y [") && l.contains("sha1 99c588a17d134ff63b65a37fca180bbf5f4d49a8"));
        assertThat(v2.lines()).anyMatch(l -> l.startsWith("fsmall.txt [") && l.contains("perm 420 sha1 "
                + "a8eec30a5b2d71bc890175f5b361ebb28d7c54a8"));
        assertThat(v2.lines()).anyMatch(l -> l.startsWith("fbig-1MiB.bin [") && !l.contains("e435fede28608d03740f2108a0729824920ef066"));
    }
}
