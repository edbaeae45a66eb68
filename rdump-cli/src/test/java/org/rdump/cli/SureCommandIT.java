package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.cli.CliProcess.Result;

/** {@code rdump sure} on bad input: one clear line on stderr, a non-zero exit, never a stack trace. */
class SureCommandIT {
    static final String HEADER = "\u0001t{\"version\":1,\"deltas\":[{\"name\":\"a\",\"number\":1,\"tags\":{},"
            + "\"time\":\"2024-01-01T00:00:00.000000000Z\"}]}\n";
    static final String BODY = "asure-2.0\n-----\nd__root__ [kind dir ]\n-\nfx [kind file ]\nu\n";

    @TempDir
    Path tmp;

    private static void noStackTrace(Result r) {
        assertThat(r.stderr()).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void listOfAMissingManifestIsAnErrorNamingTheFile() throws Exception {
        Result r = CliProcess.run(tmp, "sure", "list", "-f", "none.dat.gz");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("rdump: " + tmp.resolve("none.dat.gz").toAbsolutePath()
                + ": no such manifest file; create it with `rdump sure scan` or name another with -f\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void listReadsTheHeaderAndListCheckReadsEveryVersion() throws Exception {
        Path w = tmp.resolve("w.dat");
        Files.writeString(w, HEADER + "\u0001I 1\n" + BODY + "\u0001X 1\n", StandardCharsets.ISO_8859_1);
        Result header = CliProcess.run(tmp, "sure", "list", "-f", "w.dat");
        assertThat(header.exitCode()).as("list reads the header only, as its help says").isZero();
        assertThat(header.lines()).hasSize(3);
        Result r = CliProcess.run(tmp, "sure", "list", "--check", "-f", "w.dat");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("rdump: " + w.toAbsolutePath() + ":9: unknown control line \"^AX 1\"\n");
        assertThat(r.stdout()).isEmpty();

        Files.writeString(w, HEADER + "\u0001I 1\n" + BODY + "\u0001E 1\n", StandardCharsets.ISO_8859_1);
        Result ok = CliProcess.run(tmp, "sure", "list", "--check", "-f", "w.dat");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stderr()).isEqualTo("rdump: read all 1 version of " + w.toAbsolutePath()
                + " to their end: no damage found\n");
        assertThat(CliProcess.run(tmp, "sure", "list", "--help").stdout())
                .contains("Reads only the header, as rsure does", "--check");
    }

    @Test
    void aDirectoryAsManifestIsAUsageError() throws Exception {
        Files.createDirectories(tmp.resolve("sums"));
        for (String cmd : new String[] {"list", "update", "show", "check"}) {
            Result r = CliProcess.run(tmp, "sure", cmd, "-f", "sums");
            assertThat(r.exitCode()).as(cmd).isEqualTo(2);
            assertThat(r.stderr().lines().findFirst()).as(cmd)
                    .hasValue("sums is a directory; -f names the manifest file, e.g. sums/2sure.dat.gz");
            noStackTrace(r);
        }
    }

    @Test
    void updateOfAManifestWithoutVersionsNamesTheDamage() throws Exception {
        Files.writeString(tmp.resolve("a"), "a");
        Path m = tmp.resolve("2sure.dat.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(m))) {
            o.write("\u0001t{\"version\":1,\"deltas\":[]}\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        Result r = CliProcess.run(tmp, "sure", "update");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("rdump: " + m + ":1: bad header: it lists no versions (\"deltas\":[]), but an"
                + " rsure manifest always holds version 1; the file is damaged: restore the backup (.bak) file or move"
                + " this one away to start a new manifest\n");
        noStackTrace(r);
    }
}
