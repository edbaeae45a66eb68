package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.IntegrityException;
import org.rdump.integrity.node.NodeSource;

/** A line without a newline is capped (1 MiB for node lines, 64 MiB for the header), with file and line. */
class LongLinesTest {
    static final String TOO_LONG = "a line longer than 1048576 bytes (1 MiB) without a newline; no legal manifest"
            + " line is that long: the file is damaged or not a manifest";

    @TempDir Path tmp;

    private Path gz(String name, String... parts) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            for (String s : parts) {
                o.write(s.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return p;
    }

    private static void drain(NodeSource s) throws IOException {
        try (s) {
            while (s.next() != null) {
                // read on
            }
        }
    }

    @Test
    void aMultiMegabyteBodyLineNamesFileAndLine() throws IOException {
        Path p = gz("2sure.dat.gz", WeaveErrorsTest.HEADER, "\u0001I 1\nasure-2.0\n-----\n", "d".repeat(3 << 20));
        assertThatThrownBy(() -> drain(ManifestFile.at(p).read(1))).isExactlyInstanceOf(IntegrityException.class)
                .hasMessage(p + ":5: " + TOO_LONG);
    }

    @Test
    void aMultiMegabyteLineInANewStreamNamesFileAndLine() throws IOException {
        Path stream = tmp.resolve("stream");
        Files.writeString(stream, "asure-2.0\n-----\n" + "f".repeat((1 << 20) + 1), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ManifestFile.at(tmp.resolve("m.dat")).addVersion(Map.of("name", "a"), stream))
                .isExactlyInstanceOf(IntegrityException.class).hasMessage(stream + ":3: " + TOO_LONG);
        assertThat(tmp.resolve("m.dat")).doesNotExist();
    }

    @Test
    void aHeaderLongerThan64MiBIsRefused() throws IOException {
        Path p = gz("h.dat.gz", "\u0001t", "x".repeat(64 << 20));
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).isExactlyInstanceOf(IntegrityException.class)
                .hasMessage(p + ":1: a line longer than 67108864 bytes (64 MiB) without a newline; no legal manifest"
                        + " line is that long: the file is damaged or not a manifest");
    }

    @Test
    void theLongestLegalLineIsRead() throws IOException {
        String line = "f" + "=ff".repeat(255) + " [gid 0 kind lnk perm 511 targ " + "=ff".repeat(4096) + " uid 0 ]";
        Path stream = tmp.resolve("stream");
        Files.writeString(stream, "asure-2.0\n-----\nd__root__ [gid 0 kind dir perm 493 uid 0 ]\n-\n" + line + "\nu\n",
                StandardCharsets.ISO_8859_1);
        ManifestFile m = ManifestFile.at(tmp.resolve("m.dat"));
        m.addVersion(Map.of("name", "a"), stream, Instant.EPOCH);
        assertThat(WeaveTestSupport.readAll(m.read(1)).get(2).line()).isEqualTo(line);
    }
}
