package org.rdump.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.integrity.hash.HashOptions;
import org.rdump.integrity.scan.TreeScanner;
import org.rdump.integrity.scan.VectorTrees;
import org.rdump.integrity.weave.DeltaInfo;
import org.rdump.integrity.weave.ManifestFile;
import org.rdump.testkit.TestRunContext;
import org.slf4j.LoggerFactory;

/**
 * {@code SureStore.update} weaves the new nodes into the manifest as they are produced, reading
 * the previous version once: the weave it writes has the same body, byte for byte, as the one
 * written the long way (the new version as a plain stream first, then merged by
 * {@link ManifestFile#addVersion(Map, Path, java.time.Instant)}), for an update that reuses hashes
 * and for a scan that hashes everything.
 */
class StreamedUpdateTest {
    @TempDir Path tmp;

    @Test
    void theStreamedUpdateWritesTheSameWeaveAsThePlainStreamPath() throws Exception {
        Path tree = VectorTrees.makeTree(tmp.resolve("tree"));
        Path streamed = Files.createDirectories(tmp.resolve("a")).resolve("2sure.dat.gz");
        Path plain = Files.createDirectories(tmp.resolve("b")).resolve("2sure.dat.gz");
        SureStore store = new SureStore();
        TestRunContext ctx = TestRunContext.real(tmp.resolve("scratch"));
        store.update(tree, streamed, Map.of("name", "v1"), ctx);
        Files.copy(streamed, plain);

        VectorTrees.nextSecond();
        VectorTrees.modifyToV2(tree);
        VectorTrees.nextSecond();
        store.update(tree, streamed, Map.of("name", "v2"), ctx, true);
        addTheLongWay(tree, plain, "v2", true);
        assertThat(body(streamed)).isEqualTo(body(plain));

        Files.writeString(tree.resolve("added-late.txt"), "late\n");
        store.update(tree, streamed, Map.of("name", "v3"), ctx, false);
        addTheLongWay(tree, plain, "v3", false);
        assertThat(body(streamed)).isEqualTo(body(plain)).contains("fadded-late.txt [");
        assertThat(ManifestFile.at(streamed).versions()).hasSize(3);
    }

    private void addTheLongWay(Path tree, Path manifest, String name, boolean reuse) throws IOException {
        ManifestFile mf = ManifestFile.at(manifest);
        DeltaInfo latest = mf.versions().get(0);
        Path stream = tmp.resolve("stream-" + name);
        try (OutputStream out = Files.newOutputStream(stream)) {
            new Updater(HashOptions.defaults(), p -> { }, LoggerFactory.getLogger("test")).write(
                    reuse ? mf.read(latest.number()) : null, latest.time().getEpochSecond(),
                    new TreeScanner(tree, n -> false, LoggerFactory.getLogger("test")), out);
        }
        mf.addVersion(Map.of("name", name), stream);
    }

    /** The weave without its header line (names, tags and times differ). */
    private static String body(Path weave) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(weave))) {
            String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return all.substring(all.indexOf('\n') + 1);
        }
    }
}
