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

    /**
     * The attributes of RSURE-FORMAT.md §3 (no sha1).
     *
     * @param scratch a map to fill and reuse ({@link Attributes#of} copies it)
     */
    Attributes attributes(Map<String, String> scratch) {
        scratch.clear();
        String kind = kind();
        scratch.put("kind", kind);
        scratch.put("uid", small(uid));
        scratch.put("gid", small(gid));
        scratch.put("perm", small(mode & 07777));
        switch (kind) {
            case "file" -> {
                scratch.put("ino", Long.toUnsignedString(ino)); // a u64, as rsure writes it
                scratch.put("size", Long.toString(size));
                scratch.put("mtime", Long.toString(mtime));
                scratch.put("ctime", Long.toString(ctime));
            }
            case "lnk" -> scratch.put("targ", NameCodec.escape(target == null ? new byte[0] : target));
            case "chr", "blk" -> {
                scratch.put("devmaj", Long.toString((rdev >> 8) & 0xfff));
                scratch.put("devmin", Long.toString(rdev & 0xff));
            }
            default -> { }
        }
        return Attributes.of(scratch);
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
