package org.rdump.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.IntegrityException;
import org.rdump.testkit.TestRunContext;

/** {@code update} on damaged manifests: a clear {@link IntegrityException}, the manifest left as it was. */
class BadManifestUpdateTest {
    @TempDir
    Path tmp;

    @Test
    void updateOfAManifestWithoutVersionsNamesTheDamage() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(tree.resolve("a"), "a");
        Path manifest = tree.resolve("2sure.dat.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(manifest))) {
            o.write("\u0001t{\"version\":1,\"deltas\":[]}\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] before = Files.readAllBytes(manifest);
        assertThatThrownBy(() -> new SureStore().update(tree, manifest, Map.of("name", "x"),
                TestRunContext.real(tmp.resolve("scratch"))))
                .isExactlyInstanceOf(IntegrityException.class)
                .hasMessage(manifest + ":1: bad header: it lists no versions (\"deltas\":[]), but an rsure manifest"
                        + " always holds version 1; the file is damaged: restore the backup (.bak) file or move this"
                        + " one away to start a new manifest");
        assertThat(Files.readAllBytes(manifest)).isEqualTo(before);
        try (var s = Files.list(tree)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "2sure.dat.gz");
        }
    }
}
