package org.rdump.btrfs;

import java.nio.file.Path;
import org.rdump.api.command.Command;

/** The btrfs argument vectors rdump runs. Pure: builds {@link Command} records, runs nothing. */
final class BtrfsCommands {
    private BtrfsCommands() {
    }

    /** {@code btrfs subvolume snapshot -r SOURCE TARGET}: a read-only snapshot. */
    static Command readOnlySnapshot(Path source, Path target) {
        return Command.of("btrfs", "subvolume", "snapshot", "-r", source.toString(), target.toString());
    }

    /** {@code btrfs subvolume snapshot SOURCE TARGET}: a writable snapshot. */
    static Command writableSnapshot(Path source, Path target) {
        return Command.of("btrfs", "subvolume", "snapshot", source.toString(), target.toString());
    }

    /** {@code btrfs subvolume create DIR}: a new, empty subvolume. */
    static Command createSubvolume(Path dir) {
        return Command.of("btrfs", "subvolume", "create", dir.toString());
    }

    /** {@code btrfs subvolume delete PATH}. */
    static Command delete(Path subvolume) {
        return Command.of("btrfs", "subvolume", "delete", subvolume.toString());
    }

    /** {@code btrfs subvolume show PATH}: exits 0 only for a subvolume. */
    static Command show(Path path) {
        return Command.of("btrfs", "subvolume", "show", path.toString()).accepting(0, 1);
    }

    /**
     * {@code btrfs property get -ts PATH ro}: prints {@code ro=true} for a read-only subvolume,
     * {@code ro=false} for a writable one, and exits 1 for anything else.
     */
    static Command readOnlyProperty(Path path) {
        return Command.of("btrfs", "property", "get", "-ts", path.toString(), "ro").accepting(0, 1);
    }
}
