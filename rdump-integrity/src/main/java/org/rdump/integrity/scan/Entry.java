package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.integrity.node.Attributes;
import org.rdump.integrity.node.NameCodec;

/** One stat'ed directory entry, kept compact until it is emitted as a node. */
final class Entry {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    private static final String ATTRS = "unix:mode,ino,dev,rdev,uid,gid,ctime,size,lastModifiedTime";

    final byte[] name;
    final Path path;
    final int mode;
    final long ino;
    final long dev;
    final long rdev;
    final int uid;
    final int gid;
    final long ctime;
    final long mtime;
    final long size;
    @Nullable byte[] target;

    Entry(byte[] name, Path path, int mode, long ino, long dev, long rdev, int uid, int gid, long ctime,
          long mtime, long size) {
        this.name = name;
        this.path = path;
        this.mode = mode;
        this.ino = ino;
        this.dev = dev;
        this.rdev = rdev;
        this.uid = uid;
        this.gid = gid;
        this.ctime = ctime;
        this.mtime = mtime;
        this.size = size;
    }

    private static Entry fromMap(byte[] name, Path path, Map<String, Object> a) {
        return new Entry(name, path, (Integer) a.get("mode"), (Long) a.get("ino"), (Long) a.get("dev"),
                (Long) a.get("rdev"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                seconds((FileTime) a.get("ctime")), seconds((FileTime) a.get("lastModifiedTime")), (Long) a.get("size"));
    }

    /** Stats {@code path} without following a symlink (and reads the link's target). */
    static Entry stat(byte[] name, Path path) throws IOException {
        return stat(name, path, FastStat.available());
    }

    /** As {@link #stat(byte[], Path)}, choosing the way (the fast one only when available). */
    static Entry stat(byte[] name, Path path, boolean fast) throws IOException {
        Entry e = fast ? FastStat.stat(name, path)
                : fromMap(name, path, Files.readAttributes(path, ATTRS, LinkOption.NOFOLLOW_LINKS));
        if (e.type() == S_IFLNK) {
            e.target = RawNames.of(Files.readSymbolicLink(path));
        }
        return e;
    }

    /** Whole seconds since the epoch, rounded down as {@code st_mtime} is. */
    static long seconds(FileTime t) {
        long s = t.to(java.util.concurrent.TimeUnit.SECONDS); // truncates: exact for times >= 0
        return s > 0 ? s : t.toInstant().getEpochSecond();
    }

    int type() {
        return mode & S_IFMT;
    }

    boolean isDirectory() {
        return type() == S_IFDIR;
    }

    boolean isRegularFile() {
        return type() == S_IFREG;
    }

    String kind() {
        switch (type()) {
            case S_IFDIR: return "dir";
            case S_IFREG: return "file";
            case S_IFLNK: return "lnk";
            case 0010000: return "fifo";
            case 0140000: return "sock";
            case 0020000: return "chr";
            case 0060000: return "blk";
            default: return "unknown";
        }
    }

    // The attribute names of each kind, in the sorted order Attributes keeps (RSURE-FORMAT.md §3)
    private static final String[] FILE_KEYS = {"ctime", "gid", "ino", "kind", "mtime", "perm", "size", "uid"};
    private static final String[] PLAIN_KEYS = {"gid", "kind", "perm", "uid"};
    private static final String[] LINK_KEYS = {"gid", "kind", "perm", "targ", "uid"};
    private static final String[] DEVICE_KEYS = {"devmaj", "devmin", "gid", "kind", "perm", "uid"};

    /**
     * The attributes of RSURE-FORMAT.md §3 (no sha1), built in sorted order (no map per entry:
     * this runs once per file of the tree).
     */
    Attributes attributes() {
        String kind = kind();
        String uid = small(this.uid);
        String gid = small(this.gid);
        String perm = small(mode & 07777);
        return switch (kind) {
            // ino is a u64, as rsure writes it
            case "file" -> Attributes.ofSorted(FILE_KEYS, new String[] {Long.toString(ctime), gid,
                Long.toUnsignedString(ino), kind, Long.toString(mtime), perm, Long.toString(size), uid});
            case "lnk" -> Attributes.ofSorted(LINK_KEYS, new String[] {gid, kind, perm,
                NameCodec.escape(target == null ? new byte[0] : target), uid});
            case "chr", "blk" -> Attributes.ofSorted(DEVICE_KEYS, new String[] {Long.toString((rdev >> 8) & 0xfff),
                Long.toString(rdev & 0xff), gid, kind, perm, uid});
            default -> Attributes.ofSorted(PLAIN_KEYS, new String[] {gid, kind, perm, uid});
        };
    }

    private static final String[] SMALL = new String[1 << 16];

    /** Decimal strings of small numbers (uid, gid, perm), cached: they repeat on every line. */
    private static String small(int n) {
        if (n < 0 || n >= SMALL.length) {
            return Integer.toUnsignedString(n); // uid and gid are u32: 4294967294, not -2
        }
        String s = SMALL[n];
        if (s == null) {
            s = Integer.toString(n);
            SMALL[n] = s; // racy but idempotent
        }
        return s;
    }
}
