package org.rdump.core.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.rdump.api.RdumpException;

/**
 * The own attributes of a live tree's root (its mount point) before an in-place restore: its
 * mode (with set-id and sticky bits), owner, group and modification time, which the restore puts back after rsync and the
 * removal of its staging directory changed them. An in-place restore changes what is in the
 * volume, never the mount point itself. Immutable.
 */
record LiveRoot(Path dir, int mode, int uid, int gid, FileTime modified) {
    static LiveRoot of(Path dir) {
        try {
            var a = Files.readAttributes(dir, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            return new LiveRoot(dir, (Integer) a.get("mode") & 07777,
                    (Integer) a.get("uid"), (Integer) a.get("gid"), (FileTime) a.get("lastModifiedTime"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new RdumpException("cannot read the attributes of " + dir + ": " + e, e);
        }
    }

    /** Gives the root its attributes back. */
    void putBack() {
        try {
            Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(dir, modified);
        } catch (IOException | UnsupportedOperationException e) {
            throw new RdumpException("cannot give " + dir + " its mode, owner and time back: " + e, e);
        }
    }
}
