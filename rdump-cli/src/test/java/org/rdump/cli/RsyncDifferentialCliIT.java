package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code mode: differential} through the command line with real rsync: a full copy, then a
 * change with deletions and a new hard link to an unchanged file, a differential copy, verify,
 * restore equal to the tree at that stamp (deleted files absent), {@code full_every} rolling
 * over, and a run killed during the differential copy.
 */
class RsyncDifferentialCliIT {
    @TempDir
    Path dir;
    private Path live;

    private void setUp(String extra) throws Exception {
        RequiredTools.need("rsync", "rsync");
        live = SampleTree.make(dir.resolve("live"));
        TreeFixture.at(live).hardLink("var/lib/app/data.link", "var/lib/app/data.bin")
                .file("odd/new\nline", "n\n").file("odd/back\\#123slash", "b\n").file("odd/-dash", "d\n")
                .file("gone/deep/file", "bye\n").file("lonely", "alone\n");
        new LocalCommandRunner().run(Command.of("mkfifo", live.resolve("odd/fifo").toString()));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  copies: {type: rsync, dest: backups, mode: differential, full_every: 2%s}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies]
                """.formatted(extra));
    }

    private String backup() throws Exception {
        CliProcess.nextSecond();
        CliProcess.Result r = CliProcess.run(dir, "backup");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return Files.readString(live.resolve("snapstamp")).strip();
    }

    private void change() throws Exception {
        TreeFixture.at(live).file("etc/version", "two\n").delete("home/alice/notes/note-20.txt")
                .delete("gone/deep/file").delete("gone/deep").delete("gone").hardLink("lonely.link", "lonely")
                .file("odd/new\nline", "n, longer\n");
        Files.setPosixFilePermissions(live.resolve("etc/empty"), PosixFilePermissions.fromString("rw-------"));
    }

    private List<String> copies() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("backups/sample"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fullThenDifferentialVerifiesAndRestoresTheTreeAtItsStampAndFullEveryRollsOver() throws Exception {
        setUp("");
        String first = backup();
        change();
        String second = backup();
        TreeSnapshot atSecond = TreeSnapshot.of(live);
        assertThat(copies()).containsExactly(first, second + ".diff");

        CliProcess.Result verify = CliProcess.run(dir, "verify", "--archive", second);
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("test restore of " + second
                + " (volume sample, 'copies'): every file matches the manifest");

        Path to = dir.resolve("restored");
        CliProcess.Result r = CliProcess.run(dir, "restore", "sample", "--to", to.toString(), "--archive", second);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(TreeSnapshot.of(to).differencesFrom(atSecond)).isEmpty();
        assertThat(to.resolve("gone")).doesNotExist();
        assertThat(to.resolve("home/alice/notes/note-20.txt")).doesNotExist();
        assertThat(Files.getAttribute(to.resolve("lonely.link"), "unix:ino"))
                .isEqualTo(Files.getAttribute(to.resolve("lonely"), "unix:ino"));
        assertThat(Files.getAttribute(to.resolve("var/lib/app/data.link"), "unix:ino"))
                .isEqualTo(Files.getAttribute(to.resolve("var/lib/app/data.bin"), "unix:ino"));

        TreeFixture.at(live).file("etc/version", "three\n");
        String third = backup();
        assertThat(copies()).containsExactly(first, second + ".diff", third);
        CliProcess.Result list = CliProcess.run(dir, "list", "sample");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains(first, second, third);
    }

    @Test
    void aRunKilledDuringTheDifferentialCopyLeavesNoCountedCopyAndTheNextRunSucceeds() throws Exception {
        // a stand-in rsync that stops (until killed) at the differential copy, the one with --files-from
        Path mark = dir.resolve("copying");
        Path standIn = CliProcess.write(dir.resolve("rsync-stand-in"), """
                #!/bin/sh
                for a in "$@"; do
                  case "$a" in --files-from=*) [ -n "$RDUMP_TEST_STOP" ] && { echo $$ > "%s"; exec sleep 600; } ;; esac
                done
                exec rsync "$@"
                """.formatted(mark));
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        setUp(", program: " + standIn);
        String first = backup();
        change();
        CliProcess.nextSecond();
        Process run = CliProcess.start(dir, Map.of("RDUMP_TEST_STOP", "1"), "backup");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(mark) || Files.readString(mark).isBlank()) {
            assertThat(System.currentTimeMillis()).as("the differential copy started").isLessThan(deadline);
            assertThat(run.isAlive()).as("rdump is still running").isTrue();
            Thread.sleep(50);
        }
        long sleeper = Long.parseLong(Files.readString(mark).strip());
        run.destroyForcibly();
        run.waitFor(30, TimeUnit.SECONDS);
        ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);

        assertThat(copies()).contains(first).noneMatch(n -> n.endsWith(".diff"));
        CliProcess.Result list = CliProcess.run(dir, "list", "sample", "--json");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(Json.MAPPER.readTree(list.stdout()).get("backups")).hasSize(1);

        String next = backup();
        assertThat(copies()).containsExactly(first, next + ".diff");
        CliProcess.Result verify = CliProcess.run(dir, "verify", "--archive", next);
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    }

    @Test
    void aRemoteDestOrABadFullEveryIsAConfigErrorNamingTheKey() throws Exception {
        setUp("");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: 'backup@host:/srv/b', mode: differential}
                simple:
                  - name: sample
                    mount: live
                    actions: [copies]
                """);
        CliProcess.Result r = CliProcess.run(dir, "backup", "--dry-run");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stderr()).contains("mode: differential needs a local dest");
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: differential, full_every: 0}
                simple:
                  - name: sample
                    mount: live
                    actions: [copies]
                """);
        r = CliProcess.run(dir, "backup", "--dry-run");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("full_every").contains("expected a number of runs from 1 up, found 0");
    }
}
