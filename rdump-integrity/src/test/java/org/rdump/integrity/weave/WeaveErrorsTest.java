package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.IntegrityException;
import org.rdump.integrity.node.NodeSource;

class WeaveErrorsTest {
    static final Path V = WeaveTestSupport.vectors();
    static final String HEADER = "\u0001t{\"version\":1,\"deltas\":[{\"name\":\"a\",\"number\":1,\"tags\":{},"
            + "\"time\":\"2024-01-01T00:00:00.000000000Z\"}]}\n";
    static final String BODY = "asure-2.0\n-----\nd__root__ [kind dir ]\n-\nfx [kind file ]\nu\n";

    @TempDir Path tmp;

    private Path plainWeave(String text) throws IOException {
        Path p = tmp.resolve("w.dat");
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    /** Reads every version to the end and returns the failure message. */
    private static String readFailure(Path weave, int version) {
        try (NodeSource s = ManifestFile.at(weave).read(version)) {
            while (s.next() != null) {
                // drain
            }
        } catch (IntegrityException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure reading " + weave);
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] full = Files.readAllBytes(V.resolve("06-update/2sure.dat.gz"));
        Path p = tmp.resolve("2sure.dat.gz");
        Files.write(p, Arrays.copyOf(full, full.length / 2));
        String m = readFailure(p, 2);
        assertThat(m).startsWith(p + ":").contains(": corrupt or truncated gzip data: Unexpected end of ZLIB input stream");
        assertThat(m).matches(".*:[0-9]+: corrupt.*");
    }

    @Test
    void corruptZstd() throws IOException {
        byte[] bytes = Files.readAllBytes(V.resolve("17-zstd-update/2sure.dat.zstd"));
        for (int i = bytes.length / 3; i < bytes.length / 3 + 40; i++) {
            bytes[i] ^= 0x5a;
        }
        Path p = tmp.resolve("2sure.dat.zstd");
        Files.write(p, bytes);
        assertThat(readFailure(p, 2)).startsWith(p + ":").matches(".*:[0-9]+: corrupt or truncated zstd data: .+");
    }

    @Test
    void aGzipCutInItsHeaderSaysSoWithoutNull() throws IOException {
        byte[] full = Files.readAllBytes(V.resolve("06-update/2sure.dat.gz"));
        Path p = tmp.resolve("2sure.dat.gz");
        Files.write(p, Arrays.copyOf(full, 5));
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).isInstanceOf(IntegrityException.class)
                .hasMessage(p + ":1: corrupt or truncated gzip data: java.io.EOFException");
    }

    @Test
    void notAWeave() throws IOException {
        Path p = tmp.resolve("x.dat.gz");
        Files.writeString(p, "hello");
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).isInstanceOf(IntegrityException.class)
                .hasMessage(p + ":1: corrupt or truncated gzip data: Not in GZIP format");
    }

    @Test
    void malformedWeaves() throws IOException {
        Path p = tmp.resolve("w.dat");
        plainWeave(BODY);
        assertThatThrownBy(() -> ManifestFile.at(p).versions())
                .hasMessage(p + ":1: bad header: the first line does not start with ^At (no rsure header)");
        plainWeave("\u0001t{\"version\":2,\"deltas\":[]}\n");
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).hasMessage(p + ":1: bad header: expected {\"version\":1,...}");
        plainWeave("\u0001t{\"version\":1,\n");
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).hasMessageStartingWith(p + ":1: bad header: invalid JSON: ");
        plainWeave("");
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).hasMessage(p + ":1: truncated weave: the file is empty");

        plainWeave(HEADER + "\u0001I 1\n" + BODY);
        assertThat(readFailure(p, 1)).isEqualTo(p + ":8: truncated weave: block I 1 still open at the end");
        plainWeave(HEADER + "\u0001I 1\n" + BODY + "\u0001E 2\n");
        assertThat(readFailure(p, 1)).isEqualTo(p + ":9: \"^AE 2\" closes a block that is not open");
        plainWeave(HEADER + "\u0001I 1\n" + BODY + "\u0001X 1\n");
        assertThat(readFailure(p, 1)).isEqualTo(p + ":9: unknown control line \"^AX 1\"");
        plainWeave(HEADER + "\u0001I 1\n" + BODY + "\u0001E x\n");
        assertThat(readFailure(p, 1)).isEqualTo(p + ":9: bad delta number in control line \"^AE x\"");
        plainWeave(HEADER + "\u0001I 1\n" + BODY.replace("fx [", "fx=q [") + "\u0001E 1\n");
        assertThat(readFailure(p, 1)).isEqualTo(p + ":7: bad escape in name \"x=q\": dangling '=' at offset 1");
        plainWeave(HEADER + "\u0001I 1\n" + BODY.replace("u\n", "") + "\u0001E 1\n");
        assertThat(readFailure(p, 1)).isEqualTo(
                p + ":8: truncated stream: unbalanced d/u, 1 directory still open (innermost \"__root__\")");
        plainWeave(HEADER + "\u0001I 1\n" + BODY + "\u0001E 1");
        assertThat(readFailure(p, 1)).isEqualTo(p + ":9: truncated weave: the last line has no newline");
        plainWeave(HEADER + "\u0001I 1\n" + BODY + "\u0001E 1\n");
        assertThatThrownBy(() -> ManifestFile.at(p).read(3)).hasMessage(p + ": no version 3 (versions: 1)");
        assertThatThrownBy(() -> ManifestFile.at(tmp.resolve("none.dat")).read(1))
                .hasMessage(tmp.resolve("none.dat") + ": no such manifest file");
    }

    static final String NO_VERSIONS = ":1: bad header: it lists no versions (\"deltas\":[]), but an rsure manifest"
            + " always holds version 1; the file is damaged: restore the backup (.bak) file or move this one away"
            + " to start a new manifest";

    @Test
    void aHeaderWithoutVersionsIsDamage() throws IOException {
        Path p = plainWeave("\u0001t{\"version\":1,\"deltas\":[]}\n\u0001I 1\n" + BODY + "\u0001E 1\n");
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).isInstanceOf(IntegrityException.class)
                .hasMessage(p + NO_VERSIONS);
        assertThatThrownBy(() -> ManifestFile.at(p).addVersion(Map.of("name", "b"), plainStream(BODY)))
                .isInstanceOf(IntegrityException.class).hasMessage(p + NO_VERSIONS);
    }

    @Test
    void aDeltaNumberListedTwiceIsDamage() throws IOException {
        String d = "{\"name\":\"a\",\"number\":1,\"tags\":{},\"time\":\"2024-01-01T00:00:00Z\"}";
        Path p = plainWeave("\u0001t{\"version\":1,\"deltas\":[" + d + "," + d + "]}\n\u0001I 1\n" + BODY + "\u0001E 1\n");
        assertThatThrownBy(() -> ManifestFile.at(p).versions()).isInstanceOf(IntegrityException.class)
                .hasMessage(p + ":1: bad header: version 1 is listed twice (delta numbers must be unique);"
                        + " the file is damaged: restore the backup (.bak) file");
    }

    private Path plainStream(String text) throws IOException {
        Path p = tmp.resolve("stream");
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    private ManifestFile twoVersions() throws IOException {
        ManifestFile m = ManifestFile.at(tmp.resolve("m.dat.gz"));
        m.addVersion(Map.of("name", "a"), plainStream(BODY), Instant.EPOCH);
        m.addVersion(Map.of("name", "b"), plainStream(BODY.replace("fx", "fy")), Instant.EPOCH);
        return m;
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMalformedNewStreamLeavesTheManifestUntouched() throws IOException {
        ManifestFile m = twoVersions();
        byte[] main = Files.readAllBytes(m.mainFile());
        byte[] bak = Files.readAllBytes(m.backupFile());
        List<String> before = dirListing();
        Path bad = plainStream(BODY.replace("\n-\n", "\n"));
        assertThatThrownBy(() -> m.addVersion(Map.of("name", "c"), bad)).isInstanceOf(IntegrityException.class)
                .hasMessage(bad + ":4: missing '-': file \"x\" before '-' in directory \"__root__\"");
        assertThat(Files.readAllBytes(m.mainFile())).isEqualTo(main);
        assertThat(Files.readAllBytes(m.backupFile())).isEqualTo(bak);
        assertThat(dirListing()).isEqualTo(before);
        Path truncated = plainStream(BODY.substring(0, BODY.length() - 2));
        assertThatThrownBy(() -> m.addVersion(Map.of("name", "c"), truncated)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("truncated stream");
        assertThat(Files.readAllBytes(m.mainFile())).isEqualTo(main);
        assertThat(dirListing()).isEqualTo(before);
        assertThat(m.latest()).isEqualTo(2);
    }

    @Test
    void aFailedInstallLeavesTheManifestUntouched() throws IOException {
        ManifestFile m = twoVersions();
        byte[] main = Files.readAllBytes(m.mainFile());
        Files.delete(m.backupFile());
        Files.createDirectories(m.backupFile().resolve("blocker"));
        List<String> before = dirListing();
        assertThatThrownBy(() -> m.addVersion(Map.of("name", "c"), plainStream(BODY)))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith(m.mainFile() + ": cannot write a new version: ");
        assertThat(Files.readAllBytes(m.mainFile())).isEqualTo(main);
        assertThat(dirListing()).isEqualTo(before);
    }

    @Test
    void aCorruptManifestIsNotRewritten() throws IOException {
        Path p = tmp.resolve("c.dat");
        Files.writeString(p, HEADER + "\u0001I 1\n" + BODY, StandardCharsets.ISO_8859_1);
        byte[] before = Files.readAllBytes(p);
        assertThatThrownBy(() -> ManifestFile.at(p).addVersion(Map.of("name", "b"), plainStream(BODY)))
                .isInstanceOf(IntegrityException.class)
                .hasMessage(p + ":8: truncated weave: block I 1 still open at the end");
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertThat(dirListing()).containsExactlyInAnyOrder("c.dat", "stream");
    }

    @Test
    void anUnwritableDirectoryFailsCleanly() throws IOException {
        ManifestFile m = ManifestFile.at(tmp.resolve("missing-dir/x.dat"));
        assertThatThrownBy(() -> m.addVersion(Map.of("name", "a"), plainStream(BODY)))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith(m.mainFile() + ": cannot write a new version: java.nio.file.NoSuchFileException");
    }

    @Test
    void nameTagIsRequired() {
        assertThatThrownBy(() -> ManifestFile.at(tmp.resolve("x.dat")).addVersion(Map.of("dir", "/"), tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tags must hold \"name\", got [dir]");
    }
}
