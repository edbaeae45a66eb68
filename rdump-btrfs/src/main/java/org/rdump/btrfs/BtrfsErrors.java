package org.rdump.btrfs;

import java.nio.file.Path;

/** Turns what btrfs prints about a path that is not a subvolume into a message saying what to do. Pure. */
final class BtrfsErrors {
    private BtrfsErrors() {
    }

    /**
     * Why {@code btrfs subvolume show VOLUME} failed, from its stderr: the path is missing, not on
     * btrfs, or a plain directory; each with what to set instead.
     */
    static String notASubvolume(Path volume, String stderr) {
        String s = stderr.toLowerCase(java.util.Locale.ROOT);
        if (s.contains("no such file")) {
            return "btrfs subvolume " + volume + " does not exist; 'volume' must be the subvolume's absolute path";
        }
        if (s.contains("not a btrfs filesystem")) {
            return volume + " is not on a btrfs file system (btrfs: " + firstLine(stderr) + "); the btrfs provider"
                    + " snapshots btrfs subvolumes only: use the provider of that file system (`rdump plugins`)";
        }
        if (s.contains("not a btrfs subvolume")) {
            return volume + " is a directory on btrfs but not a subvolume, so it cannot be snapshotted; name the"
                    + " subvolume that holds it (`btrfs subvolume list " + volume + "` shows them; `findmnt -T "
                    + volume + "` its mount) or make it one with `btrfs subvolume create`";
        }
        return "btrfs cannot read subvolume " + volume + ": " + firstLine(stderr);
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
