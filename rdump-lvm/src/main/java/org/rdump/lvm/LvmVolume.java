package org.rdump.lvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotRef;

/**
 * One configured {@code lvm} volume, read from its settings and checked. Immutable.
 *
 * @param name the volume's configured name
 * @param origin {@code vg}/{@code lv}: the logical volume to snapshot
 * @param snapshot {@code vg}/{@code lv_snap}: the snapshot's name
 * @param mount the live file system's mount point (the manifest is copied back there)
 * @param snapDir where the snapshot is mounted while it is read
 * @param fs the file system type ({@code xfs}, {@code ext4}...)
 * @param size the copy-on-write snapshot's size (unused for thin snapshots)
 * @param thin whether the origin is a thin volume
 * @param mountOptions extra mount options
 * @param settings the raw settings, for positions in messages
 */
record LvmVolume(String name, LvPath origin, LvPath snapshot, Path mount, Path snapDir, String fs,
                 String size, boolean thin, List<String> mountOptions, Settings settings) {

    LvmVolume {
        mountOptions = List.copyOf(mountOptions);
    }

    /**
     * Reads and checks a volume's settings.
     *
     * @throws ConfigException listing every problem with its position
     */
    static LvmVolume from(String name, Settings s) {
        List<ConfigProblem> problems = new ArrayList<>();
        String vg = lvmName(s, "vg", problems);
        String lv = lvmName(s, "lv", problems);
        String lvSnap = lvmName(s, "lv_snap", problems);
        if (lv.equals(lvSnap)) {
            problems.add(new ConfigProblem(s.locate("lv_snap"),
                    "must differ from lv ('" + lv + "'): the snapshot needs a name of its own"));
        }
        Path mount = absolute(s, "mount", problems);
        Path snapDir = absolute(s, "snap", problems);
        if (mount.equals(snapDir)) {
            problems.add(new ConfigProblem(s.locate("snap"),
                    "must differ from mount ('" + mount + "'): the snapshot is mounted in a directory of its own"));
        }
        for (String o : s.strings("mount_options")) {
            if (o.isEmpty() || o.contains(",") || o.startsWith("-")) {
                problems.add(new ConfigProblem(s.locate("mount_options"),
                        "each mount option is one word without commas, found '" + o + "'"));
            }
        }
        String size = s.string("size", LvmSnapshotProvider.DEFAULT_SIZE);
        if (size.isEmpty() || size.startsWith("-")) {
            problems.add(new ConfigProblem(s.locate("size"), "expected a size such as 5g, found '" + size + "'"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LvmVolume(name, new LvPath(vg, lv), new LvPath(vg, lvSnap), mount, snapDir,
                s.string("fs"), size, s.bool("thin", false), s.strings("mount_options"), s);
    }

    private static String lvmName(Settings s, String key, List<ConfigProblem> problems) {
        String v = s.string(key);
        if (!LvPath.isValidName(v)) {
            problems.add(new ConfigProblem(s.locate(key), "'" + v
                    + "' is not an LVM name: use letters, digits and + _ . - and do not start with -"));
            return "invalid-" + key;
        }
        return v;
    }

    private static Path absolute(Settings s, String key, List<ConfigProblem> problems) {
        Path p = s.path(key);
        if (!p.isAbsolute()) {
            problems.add(new ConfigProblem(s.locate(key), "expected an absolute path, found '" + p + "'"));
        }
        return p;
    }

    /** The snapshot as the provider names it. */
    SnapshotRef ref() {
        return new SnapshotRef(LvmSnapshotProvider.ID, origin.toString(), snapshot.lv(),
                snapshot.device(), Map.of());
    }

    /** "5g copy-on-write" or "thin", for step descriptions. */
    String kind() {
        return thin ? "thin" : size + " copy-on-write";
    }
}
