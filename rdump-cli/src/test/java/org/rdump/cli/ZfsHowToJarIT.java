package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.RequiredTools;

/**
 * The README's how-to "Trying it: a pool made from a file" runs as written, on real zfs-fuse, with
 * the built jar: its {@code sh} block is run by bash with three explicit substitutions (a pool name
 * of its own for {@code trypool}, a temporary directory for {@code /var/tmp}, this checkout's
 * {@code bin/rdump} for {@code rdump}).
 */
class ZfsHowToJarIT {
    @TempDir
    Path tmp;

    @Test
    void theReadmesPoolFromAFileHowToRuns() throws Exception {
        RequiredTools.need("zfs", "zpool", "zfs", "truncate");
        RequiredTools.need("rsync", "rsync");
        Path top = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(top.resolve("README.md"));
        int section = readme.indexOf("\n#### Trying it: a pool made from a file\n");
        assertThat(section).as("the README's how-to").isPositive();
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String howTo = readme.substring(start, readme.indexOf("\n```\n", start) + 1);
        String pool = "tryhowto" + ProcessHandle.current().pid();
        String script = howTo.replace("/var/tmp/", tmp.toRealPath() + "/")
                .replace("trypool", pool)
                .replaceAll("(?m)^rdump ", top.resolve("bin/rdump") + " ");
        Path file = Files.writeString(tmp.resolve("howto.sh"), script);
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-eu", file.toString()).directory(tmp.toFile());
            String locks = System.getProperty("rdump.lock.dir");
            if (locks != null) {
                pb.environment().put("RDUMP_LOCK_DIR", locks);
            }
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the how-to finishes").isTrue();

            assertThat(p.exitValue()).as(script + "\n" + out + err.get()).isZero();
            assertThat(out)
                    .containsPattern("(?m)^    snapshot " + pool + "/home@0000-\\d{12}$")
                    .contains("zfs clone " + pool + "/home@0000-")
                    .containsPattern("(?m)^    manifest version 1: ")
                    .containsPattern("(?m)^    test restore of \\d{8}T\\d{6}Z \\(volume home, 'copies'\\): every file"
                            + " matches the manifest$")
                    .containsPattern("(?m)^home +\\d{8}T\\d{6}Z .* copies \\(rsync\\) ")
                    .containsPattern("(?m)^home +\\d{8}T\\d{6}Z .* " + pool + "/home@0000-\\d{12} ")
                    .containsPattern("(?m)^" + pool + "/home@0000-\\d{12}-rsure$");
            assertThat(ZfsPools.exists(pool)).as("the how-to's last line destroys the pool").isFalse();
            assertThat(tmp.resolve(pool)).as("the how-to's directory is removed").doesNotExist();
        } finally {
            var list = org.rdump.api.command.Command.of("zpool", "list", "-H", "-o", "name", pool).accepting(0, 1);
            if (ZfsPools.RUNNER.run(list).exitCode() == 0) {
                ZfsPools.RUNNER.run(org.rdump.api.command.Command.of("zpool", "destroy", "-f", pool).accepting(0, 1));
            }
        }
    }
}
