package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
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

    private Entry(byte[] name, Path path, Map<String, Object> a) {
        this.name = name;
        this.path = path;
        this.mode = (Integer) a.get("mode");
        this.ino = (Long) a.get("ino");
        this.dev = (Long) a.get("dev");
        this.rdev = (Long) a.get("rdev");
        this.uid = (Integer) a.get("uid");
        this.gid = (Integer) a.get("gid");
        this.ctime = seconds((FileTime) a.get("ctime"));
        this.mtime = seconds((FileTime) a.get("lastModifiedTime"));
        this.size = (Long) a.get("size");
    }

    /** Stats {@code path} without following a symlink (and reads the link's target). */
    static Entry stat(byte[] name, Path path) throws IOException {
        Entry e = new Entry(name, path, Files.readAttributes(path, ATTRS, LinkOption.NOFOLLOW_LINKS));
        if (e.type() == S_IFLNK) {
            e.target = RawNames.of(Files.readSymbolicLink(path));
        }
        return e;
    }

    private static long seconds(FileTime t) {
        return t.toInstant().getEpochSecond();
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

    /** The attributes of RSURE-FORMAT.md §3 (no sha1). */
    Attributes attributes() {
        TreeMap<String, String> m = new TreeMap<>();
        String kind = kind();
        m.put("kind", kind);
        m.put("uid", Integer.toString(uid));
        m.put("gid", Integer.toString(gid));
        m.put("perm", Integer.toString(mode & 07777));
        switch (kind) {
            case "file" -> {
                m.put("ino", Long.toString(ino));
                m.put("size", Long.toString(size));
                m.put("mtime", Long.toString(mtime));
                m.put("ctime", Long.toString(ctime));
            }
            case "lnk" -> m.put("targ", NameCodec.escape(target == null ? new byte[0] : target));
            case "chr", "blk" -> {
                m.put("devmaj", Long.toString((rdev >> 8) & 0xfff));
                m.put("devmin", Long.toString(rdev & 0xff));
            }
            default -> { }
        }
        return Attributes.of(m);
    }
}
