package org.rdump.btrfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdump.api.Settings;
import org.rdump.api.UndoAction;

/** The exact argument vectors, and the journal's removal actions. */
class BtrfsCommandsTest {
    private static final Path HOME = Path.of("/srv/pool/home dir");

    @Test
    void snapshotsDeletesAndChecksAreTheseArgumentVectors() {
        assertThat(BtrfsCommands.readOnlySnapshot(HOME, Path.of("/srv/pool/home dir/.rdump-snapshots/rdump-home")).argv())
                .containsExactly("btrfs", "subvolume", "snapshot", "-r", "/srv/pool/home dir",
                        "/srv/pool/home dir/.rdump-snapshots/rdump-home");
        assertThat(BtrfsCommands.writableSnapshot(Path.of("/a/ro"), Path.of("/a/rw")).argv())
                .containsExactly("btrfs", "subvolume", "snapshot", "/a/ro", "/a/rw");
        assertThat(BtrfsCommands.createSubvolume(Path.of("/a/.rdump-snapshots")).argv())
                .containsExactly("btrfs", "subvolume", "create", "/a/.rdump-snapshots");
        assertThat(BtrfsCommands.delete(Path.of("/a/rw")).argv()).containsExactly("btrfs", "subvolume", "delete", "/a/rw");
        assertThat(BtrfsCommands.show(HOME).argv()).containsExactly("btrfs", "subvolume", "show", "/srv/pool/home dir");
        assertThat(BtrfsCommands.readOnlyProperty(Path.of("/a/rw")).argv())
                .containsExactly("btrfs", "property", "get", "-ts", "/a/rw", "ro");
    }

    @Test
    void removalDeletesTheWritableSnapshotWhileWritableThenTheReadOnlyOneWhileReadOnly() {
        List<UndoAction> actions = new BtrfsSnapshotProvider().removal(HOME.toString(), "rdump-home",
                Settings.of(Map.of("snap", "/srv/pool/work/home")));

        assertThat(actions).containsExactly(
                new UndoAction.Run(List.of("btrfs", "subvolume", "delete", "/srv/pool/work/home"),
                        List.of("btrfs", "property", "get", "-ts", "/srv/pool/work/home", "ro"), "ro=false", 3),
                new UndoAction.Run(List.of("btrfs", "subvolume", "delete", "/srv/pool/home dir/.rdump-snapshots/rdump-home"),
                        List.of("btrfs", "property", "get", "-ts", "/srv/pool/home dir/.rdump-snapshots/rdump-home", "ro"),
                        "ro=true", 3));
    }

    @Test
    void aConfiguredSnapshotDirHoldsTheReadOnlySnapshot() {
        List<UndoAction> actions = new BtrfsSnapshotProvider().removal(HOME.toString(), "s1",
                Settings.of(Map.of("snapshot_dir", "/srv/pool/snaps/")));

        assertThat(actions).singleElement().extracting(a -> ((UndoAction.Run) a).argv())
                .isEqualTo(List.of("btrfs", "subvolume", "delete", "/srv/pool/snaps/s1"));
    }

    @Test
    void keptRemovalDeletesTheKeptSnapshotOnlyWhileItIsReadOnlyAndNeverTheWritableOne() {
        List<UndoAction> actions = new BtrfsSnapshotProvider().keptRemoval(HOME.toString(),
                "rdump-home-0003-202612030650", Settings.of(Map.of("snap", "/srv/pool/work/home",
                        "snapshot_dir", "/srv/pool/snaps")));

        assertThat(actions).containsExactly(new UndoAction.Run(
                List.of("btrfs", "subvolume", "delete", "/srv/pool/snaps/rdump-home-0003-202612030650"),
                List.of("btrfs", "property", "get", "-ts", "/srv/pool/snaps/rdump-home-0003-202612030650", "ro"),
                "ro=true", 3));
    }
}
