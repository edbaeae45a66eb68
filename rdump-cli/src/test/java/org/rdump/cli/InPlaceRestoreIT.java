package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code rdump restore --in-place [--delete]} through the real command line, with real rsync
 * and borg: the live tree of a {@code simple:} volume is changed after its backup and restored
 * in place, then compared with what it was at the backup by an independent walk
 * ({@link TreeSnapshot}), not by rdump's own manifest.
 */
class InPlaceRestoreIT {
    private BackedUpSample sample;
    private Path live;
    private String stamp;
    /** The live tree at the backup, without the manifest's own files. */
    private TreeSnapshot atBackup;
    private byte[] manifestAtBackup;

    @BeforeEach
    void oneBackupToBothTools(@TempDir Path dir) throws Exception {
        sample = BackedUpSample.in(dir);
        live = sample.live;
        stamp = sample.backup();
        atBackup = withoutManifest(TreeSnapshot.of(live));
        manifestAtBackup = Files.readAllBytes(live.resolve("2sure.dat.gz"));
    }

    private static TreeSnapshot withoutManifest(TreeSnapshot s) {
        Map<String, TreeSnapshot.Entry> m = new TreeMap<>(s.entries());
        m.keySet().removeIf(k -> k.startsWith("2sure."));
        return new TreeSnapshot(m);
    }

    private TreeSnapshot liveNow() {
        return withoutManifest(TreeSnapshot.of(live));
    }

    private void assertNoStageLeft() throws Exception {
        try (Stream<Path> s = Files.list(live)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".rdump-restore-"));
        }
    }

    /** Changes the live tree the way a bad day does: one file changed, one deleted, one added. */
    private void damage() throws Exception {
        TreeFixture.at(live).file("etc/host.conf", "hostname=broken\n").delete("home/alice/notes/note-3.txt")
                .file("home/alice/notes/note-new.txt", "written after the backup\n")
                .file("etc/added.txt", "written after the backup\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void oneChangedFileIsRestoredInPlaceAndNothingElseChanges(String tool) throws Exception {
        damage();
        TreeSnapshot damaged = liveNow();
        FileTime rootTime = Files.getLastModifiedTime(live);

        CliProcess.Result r = sample.rdump("restore", "sample", "--in-place", "--tool", tool, "--path", "etc/host.conf");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("1 change (1 replace):", "replace           file      etc/host.conf",
                "etc/host.conf now matches the manifest (version 1 '" + stamp + "')");
        assertThat(Files.readString(live.resolve("etc/host.conf"))).isEqualTo("hostname=e2e\n");
        Map<String, TreeSnapshot.Entry> expected = new TreeMap<>(damaged.entries());
        expected.put("etc/host.conf", atBackup.entries().get("etc/host.conf"));
        assertThat(liveNow().differencesFrom(new TreeSnapshot(expected))).as("only etc/host.conf changed").isEmpty();
        assertThat(Files.getLastModifiedTime(live)).as("the root's time, changed by the stage, is put back")
                .isEqualTo(rootTime);
        assertThat(Files.readAllBytes(live.resolve("2sure.dat.gz"))).isEqualTo(manifestAtBackup);
        assertNoStageLeft();
    }

    @Test
    void aDirectoryIsRestoredInPlaceAndWhatTheBackupLacksGoesOnlyWithDelete() throws Exception {
        damage();

        CliProcess.Result keep = sample.rdump("restore", "sample", "--in-place", "--tool", "copies",
                "--path", "home/alice/notes");

        assertThat(keep.exitCode()).as(keep.stdout() + keep.stderr()).isZero();
        assertThat(keep.stdout()).contains("create            file      home/alice/notes/note-3.txt",
                "1 entry not in the backup left in place (--delete removes them)")
                .doesNotContain("delete            ");
        assertThat(live.resolve("home/alice/notes/note-new.txt")).exists();
        assertThat(Files.readString(live.resolve("home/alice/notes/note-3.txt")))
                .isEqualTo(Files.readString(sample.copy(stamp).resolve("home/alice/notes/note-3.txt")));

        CliProcess.Result delete = sample.rdump("restore", "sample", "--in-place", "--delete", "--tool", "vault",
                "--path", "home/alice/notes");

        assertThat(delete.exitCode()).as(delete.stdout() + delete.stderr()).isZero();
        assertThat(delete.stdout()).contains("1 change (1 delete):", "delete            entry     home/alice/notes/note-new.txt");
        assertThat(live.resolve("home/alice/notes/note-new.txt")).doesNotExist();
        assertThat(live.resolve("etc/added.txt")).as("outside the path: stays even with --delete").exists();
        assertThat(Files.readString(live.resolve("etc/host.conf"))).as("outside the path").isEqualTo("hostname=broken\n");
        assertNoStageLeft();
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void theWholeTreeIsRestoredInPlaceKeepingAddedFilesUnlessDelete(String tool) throws Exception {
        damage();
        Files.setPosixFilePermissions(live.resolve("etc/hello.sh"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        CliProcess.Result keep = sample.rdump("restore", "sample", "--in-place", "--tool", tool);

        assertThat(keep.exitCode()).as(keep.stdout() + keep.stderr()).isZero();
        assertThat(keep.stdout()).contains("set attributes of file      etc/hello.sh",
                "the live tree now matches the manifest (version 1 '" + stamp + "'); 2 entries not in the backup left");
        Map<String, TreeSnapshot.Entry> withAdded = new TreeMap<>(atBackup.entries());
        withAdded.put("etc/added.txt", liveNow().entries().get("etc/added.txt"));
        withAdded.put("home/alice/notes/note-new.txt", liveNow().entries().get("home/alice/notes/note-new.txt"));
        assertThat(liveNow().differencesFrom(new TreeSnapshot(withAdded))).isEmpty();
        assertThat(Files.readAllBytes(live.resolve("2sure.dat.gz"))).as("the live manifest is never replaced")
                .isEqualTo(manifestAtBackup);

        CliProcess.Result delete = sample.rdump("restore", "sample", "--in-place", "--delete", "--tool", tool);

        assertThat(delete.exitCode()).as(delete.stdout() + delete.stderr()).isZero();
        assertThat(delete.stdout()).contains("2 changes (2 delete):", "the live tree now matches the manifest")
                .doesNotContain("directory .");
        assertThat(liveNow().differencesFrom(atBackup)).as("exactly the tree at the backup").isEmpty();
        assertThat(live.resolve("2sure.dat.gz")).as("the live manifest is not deleted by --delete").exists();
        assertNoStageLeft();
    }

    @Test
    void aTamperedBackupIsRefusedBeforeAnythingInTheLiveTreeChanges() throws Exception {
        damage();
        SampleTree.tamper(sample.copy(stamp));
        TreeSnapshot before = TreeSnapshot.of(live);
        FileTime rootTime = Files.getLastModifiedTime(live);

        CliProcess.Result r = sample.rdump("restore", "sample", "--in-place", "--delete", "--tool", "copies");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(5);
        assertThat(SampleTree.differenceLines(r.stdout())).contains("  [sha1                ] \"etc/host.conf\"");
        assertThat(r.stderr()).contains("nothing in " + live.toRealPath() + " was changed");
        assertThat(TreeSnapshot.of(live)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(live)).isEqualTo(rootTime);
        assertNoStageLeft();
    }

    @Test
    void aDryRunPrintsTheCommandsAndTheChangesAndChangesNothing() throws Exception {
        damage();
        TreeSnapshot before = TreeSnapshot.of(live);
        FileTime rootTime = Files.getLastModifiedTime(live);

        CliProcess.Result r = sample.rdump("restore", "sample", "--in-place", "--delete", "--tool", "vault", "-n");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("$ borg extract", "$ rsync -aHAX --numeric-ids -S -c --delete",
                "replace           file      etc/host.conf", "create            file      home/alice/notes/note-3.txt",
                "delete            entry     etc/added.txt");
        assertThat(TreeSnapshot.of(live)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(live)).isEqualTo(rootTime);
        assertNoStageLeft();
    }

    @Test
    void inPlaceWithToOrDeleteWithoutInPlaceIsAUsageError() throws Exception {
        CliProcess.Result both = sample.rdump("restore", "sample", "--in-place", "--to", "out");
        CliProcess.Result delete = sample.rdump("restore", "sample", "--to", "out", "--delete");
        CliProcess.Result manifest = sample.rdump("restore", "sample", "--in-place", "--path", "2sure.dat.gz");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).contains("give --to DIR or --in-place, not both");
        assertThat(delete.exitCode()).isEqualTo(2);
        assertThat(delete.stderr()).contains("--delete only goes with --in-place");
        assertThat(manifest.exitCode()).isEqualTo(2);
        assertThat(manifest.stderr()).contains("never replaces the live volume's manifest");
        assertThat(sample.dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPathBelowALiveSymlinkIsRefusedAndTheLinkItselfIsReplacedByTheBackupsDirectory() throws Exception {
        Path outside = TreeFixture.at(sample.dir.resolve("outside")).file("notes/note-1.txt", "outside\n").root();
        TreeSnapshot outsideBefore = TreeSnapshot.of(outside);
        org.rdump.api.support.Trees.delete(live.resolve("home/alice"));
        Files.createSymbolicLink(live.resolve("home/alice"), outside);

        CliProcess.Result below = sample.rdump("restore", "sample", "--in-place", "--delete", "--path",
                "home/alice/notes");

        assertThat(below.exitCode()).as(below.stdout() + below.stderr()).isEqualTo(1);
        assertThat(below.stderr()).contains("cannot restore home/alice/notes in place: " + live.resolve("home/alice")
                + " is a symlink in the live tree");
        assertThat(TreeSnapshot.of(outside)).isEqualTo(outsideBefore);

        CliProcess.Result link = sample.rdump("restore", "sample", "--in-place", "--path", "home/alice");

        assertThat(link.exitCode()).as(link.stdout() + link.stderr()).isZero();
        assertThat(Files.isSymbolicLink(live.resolve("home/alice"))).isFalse();
        assertThat(liveNow().differencesFrom(atBackup)).isEmpty();
        assertThat(TreeSnapshot.of(outside)).isEqualTo(outsideBefore);
        assertNoStageLeft();
    }
}
