package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code mode: batch} through the command line with real rsync: a full copy, then batch files
 * after changes and deletions; verify, and restore of the middle run equal to the tree then.
 */
class RsyncBatchCliIT {
    @TempDir
    Path dir;

    @Test
    void batchesVerifyAndRestoreTheTreeAtTheirStamp() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path live = SampleTree.make(dir.resolve("live"));
        TreeFixture.at(live).hardLink("var/lib/app/data.link", "var/lib/app/data.bin").file("odd/new\nline", "n\n")
                .file("gone/file", "bye\n");
        new LocalCommandRunner().run(Command.of("mkfifo", live.resolve("odd/fifo").toString()));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  offline: {type: rsync, dest: backups, mode: batch}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, offline]
                """);
        String first = backup(live);
        TreeFixture.at(live).file("etc/version", "two\n").delete("gone/file").delete("gone")
                .hardLink("etc/host.link", "etc/host.conf");
        String second = backup(live);
        TreeSnapshot atSecond = TreeSnapshot.of(live);
        TreeFixture.at(live).file("etc/version", "three\n").delete("home/alice/notes/note-3.txt");
        String third = backup(live);
        try (Stream<Path> s = Files.list(dir.resolve("backups/sample"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly(first, second + ".batch",
                    third + ".batch", "reference", "reference.stamp");
        }
        for (String stamp : new String[] {second, third}) {
            CliProcess.Result v = CliProcess.run(dir, "verify", "--archive", stamp);
            assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
            assertThat(v.stdout()).contains("test restore of " + stamp
                    + " (volume sample, 'offline'): every file matches the manifest");
        }
        Path to = dir.resolve("restored");
        CliProcess.Result r = CliProcess.run(dir, "restore", "sample", "--to", to.toString(), "--archive", second);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(TreeSnapshot.of(to).differencesFrom(atSecond)).isEmpty();
        assertThat(to.resolve("gone")).doesNotExist();
        assertThat(to.resolve("home/alice/notes/note-3.txt")).exists();
        assertThat(Files.getAttribute(to.resolve("etc/host.link"), "unix:ino"))
                .isEqualTo(Files.getAttribute(to.resolve("etc/host.conf"), "unix:ino"));
    }

    private String backup(Path live) throws Exception {
        CliProcess.nextSecond();
        CliProcess.Result r = CliProcess.run(dir, "backup");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return Files.readString(live.resolve("snapstamp")).strip();
    }
}
