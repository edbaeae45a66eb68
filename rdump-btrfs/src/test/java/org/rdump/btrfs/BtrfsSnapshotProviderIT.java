package org.rdump.btrfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotRef;
import org.rdump.api.Undo;
import org.rdump.api.support.UndoActions;
import org.rdump.testkit.BtrfsTestVolume;
import org.rdump.testkit.TestRunContext;

/** What the contract does not say, on a real btrfs file system on a loop device. */
class BtrfsSnapshotProviderIT {
    @TempDir
    Path tmp;
    BtrfsTestVolume fs;
    Path home;
    Path snap;
    final BtrfsSnapshotProvider provider = new BtrfsSnapshotProvider();

    @BeforeEach
    void setUp() throws Exception {
        fs = BtrfsTestVolume.create("provider");
        home = fs.subvolume("home");
        Files.writeString(home.resolve("letter.txt"), "Dear reader,\n");
        snap = fs.mount.resolve("work");
    }

    @AfterEach
    void tearDown() {
        if (fs != null) {
            fs.close();
        }
    }

    private RunContext context() {
        return TestRunContext.real(tmp.resolve("scratch"));
    }

    private Settings settings() {
        return Settings.of(Map.of("snap", snap.toString()));
    }

    private static String ro(Path p) {
        return BtrfsTestVolume.run("btrfs", "property", "get", "-ts", p.toString(), "ro").stdout().strip();
    }

    @Test
    void createMakesAReadOnlySnapshotAndAWritableOneAtSnapAndRemoveDeletesBoth() throws Exception {
        SnapshotRef ref = provider.create(home.toString(), "rdump-home", settings(), context());

        Path readOnly = home.resolve(".rdump-snapshots/rdump-home");
        assertThat(ref.device()).isEqualTo(readOnly.toString());
        assertThat(ref.properties()).containsEntry("writable", snap.toString());
        assertThat(ro(readOnly)).isEqualTo("ro=true");
        assertThat(ro(snap)).isEqualTo("ro=false");
        assertThat(ro(home.resolve(".rdump-snapshots"))).as("the directory is a subvolume").isEqualTo("ro=false");
        assertThat(snap.resolve("letter.txt")).hasContent("Dear reader,");
        Files.writeString(snap.resolve("2sure.dat.gz"), "manifest");
        assertThat(home.resolve("2sure.dat.gz")).as("the live subvolume is untouched").doesNotExist();
        assertThat(readOnly.resolve("2sure.dat.gz")).doesNotExist();

        provider.remove(ref, context());

        assertThat(snap).doesNotExist();
        assertThat(readOnly).doesNotExist();
        assertThat(home.resolve("letter.txt")).hasContent("Dear reader,");
    }

    @Test
    void theJournalsActionsDeleteBothSnapshotsAndAreIdempotent() {
        provider.create(home.toString(), "rdump-home", settings(), context());
        Undo undo = new Undo("snapshot", "btrfs:" + home + "@rdump-home", "home",
                provider.removal(home.toString(), "rdump-home", settings()));

        UndoActions.carryOut(undo, context());
        UndoActions.carryOut(undo, context());

        assertThat(snap).doesNotExist();
        assertThat(home.resolve(".rdump-snapshots/rdump-home")).doesNotExist();
    }

    @Test
    void theJournalsActionsLeaveAWritableSubvolumeWhereTheReadOnlySnapshotWouldBe() throws Exception {
        Files.createDirectories(home.resolve(".rdump-snapshots"));
        Path someoneElses = fs.subvolume("home/.rdump-snapshots/rdump-home");
        Undo undo = new Undo("snapshot", "btrfs:" + home + "@rdump-home", "home",
                provider.removal(home.toString(), "rdump-home", Settings.of(Map.of())));

        UndoActions.carryOut(undo, context());

        assertThat(someoneElses).isDirectory();
    }

    @Test
    void aSnapThatExistsIsRefusedBeforeAnythingIsMade() throws Exception {
        Files.createDirectories(snap);

        assertThatThrownBy(() -> provider.create(home.toString(), "rdump-home", settings(), context()))
                .isInstanceOf(RdumpException.class)
                .hasMessage(snap + " already exists, so 'snap' (the writable snapshot of " + home + ") cannot be made"
                        + " there; a snapshot left by an interrupted run is deleted by `rdump recover`; anything else,"
                        + " move it away or choose another path");
        assertThat(home.resolve(".rdump-snapshots/rdump-home")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNotASubvolumeIsNamedWithWhatToDo() throws Exception {
        Path plain = Files.createDirectories(home.resolve("plain"));

        assertThatThrownBy(() -> provider.create(plain.toString(), "rdump-home", settings(), context()))
                .isInstanceOf(RdumpException.class)
                .hasMessage(plain + " is a directory on btrfs but not a subvolume, so it cannot be snapshotted; name"
                        + " the subvolume that holds it (`btrfs subvolume list " + plain + "` shows them; `findmnt -T "
                        + plain + "` its mount) or make it one with `btrfs subvolume create`");
    }

    @Test
    void aPathOnAnotherFileSystemIsNamedWithWhatToDo() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("not-btrfs"));

        assertThatThrownBy(() -> provider.list(elsewhere.toString(), context()))
                .isInstanceOf(RdumpException.class)
                .hasMessageStartingWith(elsewhere + " is not on a btrfs file system (btrfs: ERROR: ")
                .hasMessageEndingWith("); the btrfs provider snapshots btrfs subvolumes only: use the provider of"
                        + " that file system (`rdump plugins`)");
    }

    @Test
    void aRelativeVolumeIsRefused() {
        assertThatThrownBy(() -> provider.list("home", context()))
                .isInstanceOf(RdumpException.class)
                .hasMessage("btrfs volume 'home' must be the subvolume's absolute path, e.g. /home");
    }

    @Test
    void removeRefusesAPathThatIsNotASubvolume() throws Exception {
        Path plain = Files.createDirectories(home.resolve(".rdump-snapshots/not-a-snapshot"));
        SnapshotRef ref = new SnapshotRef("btrfs", home.toString(), "not-a-snapshot", plain.toString(), Map.of());

        assertThatThrownBy(() -> provider.remove(ref, context()))
                .isInstanceOf(RdumpException.class)
                .hasMessageStartingWith("refusing to delete " + plain + ": it is not a btrfs subvolume");
        assertThat(plain).isDirectory();
    }
}
