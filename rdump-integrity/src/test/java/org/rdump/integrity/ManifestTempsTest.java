package org.rdump.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.IntegrityException;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.weave.ManifestFile;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;

/** The temporaries {@code BASE.N} beside a manifest: named for crash recovery, never recorded, never left by a failure. */
class ManifestTempsTest {
    @TempDir
    Path tmp;

    @Test
    void tempNamesAreBaseDotDigitsBesideTheMainFile() {
        Path m = tmp.resolve("2sure.dat.gz");
        assertThat(ManifestFile.isTemp(m, tmp.resolve("2sure.0"))).isTrue();
        assertThat(ManifestFile.isTemp(m, tmp.resolve("2sure.17"))).isTrue();
        assertThat(ManifestFile.isTemp(tmp, tmp.resolve("2sure.3"))).as("a directory means its 2sure.dat.gz").isTrue();
        assertThat(ManifestFile.isTemp(tmp.resolve("x.dat.zstd"), tmp.resolve("x.1"))).isTrue();
        for (String not : new String[] {"2sure.dat.gz", "2sure.bak.gz", "2sure.", "2sure.1a", "2sure", "x.0", "2sure0"}) {
            assertThat(ManifestFile.isTemp(m, tmp.resolve(not))).as(not).isFalse();
        }
        assertThat(ManifestFile.isTemp(m, tmp.resolve("sub/2sure.0"))).as("another directory").isFalse();
    }

    @Test
    void leftoverTempsListsThemSortedAndNothingElse() throws IOException {
        Path m = tmp.resolve("2sure.dat.gz");
        assertThat(ManifestFile.leftoverTemps(tmp.resolve("missing/2sure.dat.gz"))).isEmpty();
        for (String n : new String[] {"2sure.1", "2sure.0", "2sure.dat.gz", "2sure.bak.gz", "2sure.x", "other.0"}) {
            Files.createFile(tmp.resolve(n));
        }
        assertThat(ManifestFile.leftoverTemps(m)).containsExactly(tmp.resolve("2sure.0"), tmp.resolve("2sure.1"));
    }

    @Test
    void theEmptyTempsOfAKilledUpdateAreNeverRecorded() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(tree.resolve("a"), "a");
        Files.createFile(tree.resolve("2sure.0")); // what a SIGKILL during an update leaves
        Files.createFile(tree.resolve("2sure.1"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tree);
        SureStore store = new SureStore();
        // the manifest named through a symlink to the tree's root is still the tree's own
        store.update(tree, link.resolve("2sure.dat.gz"), Map.of("name", "one"), TestRunContext.real(tmp.resolve("s")));
        store.update(tree, tree.resolve("2sure.dat.gz"), Map.of("name", "two"), TestRunContext.real(tmp.resolve("s")));
        ManifestFile mf = ManifestFile.at(tree);
        for (int v = 1; v <= 2; v++) {
            assertThat(names(mf.read(v))).as("version %d", v).containsExactly("__root__", "a");
        }
        assertThat(ManifestFile.leftoverTemps(tree)).containsExactly(tree.resolve("2sure.0"), tree.resolve("2sure.1"));
    }

    private static List<String> names(NodeSource s) throws IOException {
        try (s) {
            List<String> out = new java.util.ArrayList<>();
            for (Node n = s.next(); n != null; n = s.next()) {
                if (n instanceof Node.Enter e) {
                    out.add(e.name().escaped());
                } else if (n instanceof Node.File f) {
                    out.add(f.name().escaped());
                }
            }
            return out;
        }
    }

    private static int run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** A 64 KiB tmpfs: writing a manifest there fills the disk. */
    private Path fullDisk() throws Exception {
        Path small = Files.createDirectories(tmp.resolve("small"));
        RequiredTools.need("mount", "mount", "umount");
        RequiredTools.needCondition("mount", run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString()) == 0,
                "cannot mount a tmpfs (needs root)");
        return small;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFillsTheDiskLeavesNoTemp() throws Exception {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder("asure-2.0\n-----\nd__root__ [gid 0 kind dir perm 493 uid 0 ]\n-\n");
        for (int i = 0; i < 3000; i++) {
            b.append("f").append(Long.toHexString(r.nextLong())).append(i).append(" [ino ").append(r.nextInt(1 << 30))
                    .append(" kind file sha1 ").append(String.format("%040x", new java.math.BigInteger(160, r)))
                    .append(" ]\n");
        }
        Path stream = Files.writeString(tmp.resolve("stream"), b.append("u\n"), StandardCharsets.ISO_8859_1);
        Path small = fullDisk();
        try {
            ManifestFile m = ManifestFile.at(small.resolve("2sure.dat.gz"));
            assertThatThrownBy(() -> m.addVersion(Map.of("name", "a"), stream, Instant.EPOCH))
                    .isExactlyInstanceOf(IntegrityException.class)
                    .hasMessage(m.mainFile() + ": cannot write a new version: java.io.IOException: No space left on device");
            assertThat(listing(small)).isEmpty();
        } finally {
            run("umount", small.toString());
        }
    }

    @Test
    void anUpdateThatFillsTheDiskLeavesNoTemp() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t"));
        // the nodes go gzipped straight into the weave: enough files that it outgrows 64 KiB
        for (int i = 0; i < 6000; i++) {
            Files.writeString(tree.resolve("file-with-a-longish-name-" + i), "x" + i);
        }
        Path small = fullDisk();
        try {
            Path manifest = small.resolve("2sure.dat.gz");
            assertThatThrownBy(() -> new SureStore().update(tree, manifest, Map.of("name", "a"),
                    TestRunContext.real(tmp.resolve("s"))))
                    .isExactlyInstanceOf(IntegrityException.class)
                    .hasMessage(tree + ": cannot update the manifest " + manifest + ": No space left on device");
            assertThat(listing(small)).isEmpty();
        } finally {
            run("umount", small.toString());
        }
    }
}
