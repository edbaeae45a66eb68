package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Step;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.plan.Planner;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.testkit.BtrfsTestVolume;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.StepCrashContract;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * The built-in btrfs provider through the command line, on a real btrfs file system on a loop
 * device (one for the class; every test has its own subvolume): a {@code snapshots:} volume is
 * backed up from the writable snapshot, verified and restored byte for byte, with hard links,
 * symlinks, a FIFO, device nodes and odd names; a dry run shows the btrfs argument vectors; a
 * path that is not a subvolume is named before anything is written; and the volume's steps,
 * killed after every step and every command, are undone by their journal records alone.
 */
class BtrfsSnapshotsIT {
    private static final LocalCommandRunner RUN = new LocalCommandRunner();
    private static BtrfsTestVolume fs;

    @TempDir
    Path dir;

    static BtrfsTestVolume fs() {
        if (fs == null) {
            fs = BtrfsTestVolume.create("cli");
        }
        return fs;
    }

    @AfterAll
    static void removeFileSystem() {
        if (fs != null) {
            fs.close();
        }
    }

    static String config(Path home, Path copies) {
        return """
                tools:
                  copies:
                    type: rsync
                    dest: %2$s
                snapshots:
                  - name: home
                    provider: btrfs
                    volume: %1$s
                    mount: %1$s
                    snap: %1$s-work
                    actions: [rsure, copies]
                """.formatted(home, copies);
    }

    /** A subvolume holding every kind of entry a backup must keep ({@link OddTree}). */
    static Path oddTree(String name) {
        RequiredTools.need("rsync", "rsync");
        return OddTree.make(fs().subvolume(name));
    }

    private static TreeSnapshot withoutRdumpsOwn(TreeSnapshot t) {
        Map<String, TreeSnapshot.Entry> m = new TreeMap<>(t.entries());
        m.keySet().removeIf(k -> k.startsWith(".rdump-snapshots") || k.startsWith("2sure."));
        return new TreeSnapshot(m);
    }

    private static List<String> entries(Path p) throws Exception {
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).toList();
        }
    }

    @Test
    void aSubvolumeIsBackedUpFromItsWritableSnapshotVerifiedAndRestored() throws Exception {
        Path home = oddTree("home");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, dir.resolve("copies")));

        CliProcess.Result backup = CliProcess.run(dir, "backup", "--verify");

        assertThat(backup.exitCode()).as(backup.stdout() + backup.stderr()).isZero();
        assertThat(backup.stdout()).contains("btrfs snapshot of " + home + " as rdump-home, read at " + home + "-work")
                .contains("snapshot " + home + "/.rdump-snapshots/rdump-home");
        assertThat(home.resolve("2sure.dat.gz")).as("the manifest is copied back").isRegularFile();
        assertThat(entries(home.resolve(".rdump-snapshots"))).as("the read-only snapshot is deleted").isEmpty();
        assertThat(Path.of(home + "-work")).as("the writable snapshot is deleted").doesNotExist();

        Path out = dir.resolve("out");
        CliProcess.Result restore = CliProcess.run(dir, "restore", "home", "--to", out.toString());

        assertThat(restore.exitCode()).as(restore.stdout() + restore.stderr()).isZero();
        assertThat(withoutRdumpsOwn(TreeSnapshot.of(out)).differencesFrom(withoutRdumpsOwn(TreeSnapshot.of(home))))
                .isEmpty();
        assertThat(OddTree.stat(out)).isEqualTo(OddTree.stat(home)).containsEntry("fifo", "fifo 0:0 1")
                .containsEntry("null-device", "character special file 1:3 1")
                .containsEntry("with space/second name", "regular file 0:0 2");
    }

    @Test
    void aDryRunShowsTheBtrfsArgumentVectorsAndChangesNothing() throws Exception {
        Path home = fs().subvolume("dry");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, dir.resolve("copies")));

        CliProcess.Result r = CliProcess.run(dir, "backup", "--dry-run");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).containsSubsequence(
                "snapshot [home] btrfs snapshot of " + home + " as rdump-home, read at " + home + "-work",
                "$ btrfs subvolume create " + home + "/.rdump-snapshots",
                "$ btrfs subvolume snapshot -r " + home + " " + home + "/.rdump-snapshots/rdump-home",
                "$ btrfs subvolume snapshot " + home + "/.rdump-snapshots/rdump-home " + home + "-work",
                "integrity [home] update the manifest " + home + "-work/2sure.dat.gz (rsure)",
                "$ rsync ",
                "cleanup [home] btrfs snapshot of " + home + " as rdump-home",
                "$ btrfs subvolume delete " + home + "-work",
                "$ btrfs subvolume delete " + home + "/.rdump-snapshots/rdump-home");
        assertThat(entries(home)).isEmpty();
        assertThat(Path.of(home + "-work")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNotASubvolumeIsNamedByThePreflightCheck() throws Exception {
        Path plain = Files.createDirectories(fs().mount.resolve("plain-dir"));
        Files.writeString(dir.resolve("rdump.yaml"), config(plain, dir.resolve("copies")));

        CliProcess.Result r = CliProcess.run(dir, "check-config", "--preflight");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("home: btrfs cannot read the volume " + plain + ": " + plain
                + " is a directory on btrfs but not a subvolume, so it cannot be snapshotted; name the subvolume that"
                + " holds it (`btrfs subvolume list " + plain + "` shows them; `findmnt -T " + plain + "` its mount)"
                + " or make it one with `btrfs subvolume create`; check 'volume' at rdump.yaml:8:5"
                + " snapshots[0].volume");
    }

    @Test
    void aPathOutsideBtrfsIsNamedByThePreflightCheck() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("ext"));
        Files.writeString(dir.resolve("rdump.yaml"), config(elsewhere, dir.resolve("copies")));

        CliProcess.Result r = CliProcess.run(dir, "check-config", "--preflight");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("home: btrfs cannot read the volume " + elsewhere + ": "
                + elsewhere + " is not on a btrfs file system (btrfs: ERROR: ")
                .contains("the btrfs provider snapshots btrfs subvolumes only");
    }

    /**
     * The volume's steps (snapstamp, the two btrfs snapshots, the manifest in the writable one and
     * copied back, the rsync copy), planned by core from the configuration, killed after every step
     * and after every command: the undo records alone delete both snapshots.
     */
    @Nested
    class KilledRuns extends StepCrashContract {
        private int counter;

        private Path home(Path fixture) {
            return fs().mount.resolve(fixture.getFileName().toString());
        }

        @Override
        protected List<Step> plan(Path fixture) throws Exception {
            RequiredTools.need("rsync", "rsync");
            Path home = home(fixture);
            if (!Files.exists(home)) {
                fs().subvolume(home.getFileName().toString());
                TreeFixture.sample(home);
            }
            PluginRegistry registry = PluginRegistry.discover();
            RdumpConfig config = new ConfigLoader(registry).parse(fixture.resolve("rdump.yaml"),
                    new StringReader(config(home, fixture.resolve("copies"))));
            return new Planner(registry, config).backup(List.of(), "20261201T120000Z", false).steps();
        }

        @Override
        protected Path fixture(int attempt) throws Exception {
            return Files.createDirectories(work.resolve("crash" + (++counter) + "-" + (attempt < 0 ? "n" : attempt)));
        }

        @Override
        protected CommandRunner runner(Path fixture) {
            return new LocalCommandRunner();
        }

        @Override
        protected void assertNothingLeft(Path fixture) throws Exception {
            Path home = home(fixture);
            assertThat(entries(home.resolve(".rdump-snapshots"))).as("no read-only snapshot is left").isEmpty();
            assertThat(Path.of(home + "-work")).as("no writable snapshot is left").doesNotExist();
            assertThat(home.resolve("hello.txt")).hasContent("hello, world\n");
        }
    }
}
