package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.RequiredTools;

/**
 * examples/quickstart end to end, as its run.sh does it after the build: the sample tree made by
 * its own make-sample-tree.sh in a fresh directory, its rdump.yaml copied unchanged next to it
 * (its paths are relative to the config), and {@code rdump --config rdump.yaml backup --verify}
 * run in a child JVM, twice, as a user who runs the quickstart again would.
 */
class QuickstartIT {
    private static final String STAMP = "\\d{8}T\\d{6}Z";

    @TempDir
    Path dir;

    @Test
    void quickstartBacksUpTheSampleTreeAndVerifiesIt() throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("bash", "bash");
        Path quickstart = quickstartDir();
        Files.copy(quickstart.resolve("rdump.yaml"), dir.resolve("rdump.yaml"));
        makeSampleTree(quickstart.resolve("make-sample-tree.sh"), dir.resolve("work/sample"));
        // files changed in the second a manifest version is taken are hashed again by the next update
        // (racy entries); a user's tree is older than that, and so is this one after the wait
        CliProcess.nextSecond();

        CliProcess.Result first = CliProcess.run(dir, "--config", "rdump.yaml", "backup", "--verify");

        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
        assertThat(first.stdout())
                .containsPattern("(?m)^    manifest version 1: 207 files, 8 dirs, 4\\.0 MiB in the tree;"
                        + " hashed 206 files \\(4\\.0 MiB\\)"
                        + " in \\d+\\.\\d s$")
                .containsPattern("(?m)^    rsync 'copies': " + STAMP + ", 207 files \\([0-9.]+ [KM]?i?B\\) transferred$")
                .containsPattern("(?m)^    test restore of " + STAMP + " \\(volume sample, 'copies'\\): every file"
                        + " matches the manifest$")
                .containsPattern("(?m)^backup finished in \\d+\\.\\d s: 7 of 7 steps, 0 warnings$");
        assertThat(first.stderr()).doesNotContain("warning", "FAILED");

        CliProcess.nextSecond();
        CliProcess.Result again = CliProcess.run(dir, "--config", "rdump.yaml", "backup", "--verify");

        assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
        // only the run stamp changed, so only it is hashed again
        assertThat(again.stdout()).containsPattern("(?m)^    manifest version 2: 207 files, 8 dirs, 4\\.0 MiB in the tree;"
                        + " hashed 1 file \\(17 B\\)")
                .contains(": every file matches the manifest");
        List<Path> copies;
        try (Stream<Path> s = Files.list(dir.resolve("work/backups/sample"))) {
            copies = s.sorted().toList();
        }
        assertThat(copies).hasSize(2);
        Path data = Path.of("var/lib/app/data.bin");
        assertThat(Files.getAttribute(copies.get(1).resolve(data), "unix:ino"))
                .as("unchanged files are hard-linked to the previous copy")
                .isEqualTo(Files.getAttribute(copies.get(0).resolve(data), "unix:ino"));
    }

    private static void makeSampleTree(Path script, Path target) throws Exception {
        Process p = new ProcessBuilder("bash", script.toString(), target.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("sample tree made at " + target);
    }

    /** examples/quickstart of this checkout, found upwards from the working directory (the module). */
    private static Path quickstartDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path q = d.resolve("examples/quickstart");
            if (Files.isRegularFile(q.resolve("rdump.yaml"))) {
                return q;
            }
        }
        throw new AssertionError("examples/quickstart not found above " + Path.of("").toAbsolutePath());
    }
}
