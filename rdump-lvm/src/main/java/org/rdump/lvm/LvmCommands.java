package org.rdump.lvm;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rdump.api.command.Command;

/**
 * Builds the commands of LVM snapshot handling as argument vectors. Pure: runs nothing.
 *
 * <p>The lvs reports ask for {@code origin} and {@code data_percent} besides name, attributes and
 * {@code snap_percent}: the origin lets removal refuse to delete a volume that is not a snapshot
 * of the configured one, and {@code data_percent} is how full a thin snapshot is.
 */
final class LvmCommands {
    /** The exit status of an LVM command that found no such volume or group (ECMD_FAILED). */
    static final int LVM_FAILED = 5;
    /** The exit status of {@code mountpoint -q} on an existing path that is not a mount point. */
    static final int NOT_A_MOUNTPOINT = 32;
    /** The exit status of {@code mountpoint -q} on a path that does not exist. */
    static final int NO_SUCH_PATH = 1;

    static final String REPORT_FIELDS = "lv_name,lv_attr,origin,snap_percent,data_percent";

    private LvmCommands() {
    }

    /** {@code lvcreate -L SIZE -s -n SNAP VG/LV}: a copy-on-write snapshot of {@code size}. */
    static Command snapshot(LvPath origin, String snap, String size) {
        return Command.of("lvcreate", "-L", size, "-s", "-n", snap, origin.toString());
    }

    /** {@code lvcreate -s -n SNAP VG/LV}: a thin snapshot (takes its space from the pool). */
    static Command thinSnapshot(LvPath origin, String snap) {
        return Command.of("lvcreate", "-s", "-n", snap, origin.toString());
    }

    /**
     * {@code lvchange -ay -K VG/SNAP}: activates a thin snapshot, which LVM creates with the
     * activation-skip flag set.
     */
    static Command activate(LvPath snapshot) {
        return Command.of("lvchange", "-ay", "-K", snapshot.toString());
    }

    /** {@code lvremove -f VG/SNAP}. */
    static Command remove(LvPath snapshot) {
        return Command.of("lvremove", "-f", snapshot.toString());
    }

    /**
     * {@code lvs --reportformat json -o FIELDS VG/LV}, accepting exit 5 (no such volume or
     * group: the caller reads standard error).
     */
    static Command report(LvPath lv) {
        return Command.of("lvs", "--reportformat", "json", "-o", REPORT_FIELDS, lv.toString())
                .accepting(0, LVM_FAILED);
    }

    /**
     * {@code lvs --reportformat json -o FIELDS -O lv_time VG}: every volume of a group, oldest
     * first; accepts exit 5 (no such group).
     */
    static Command listing(String vg) {
        return Command.of("lvs", "--reportformat", "json", "-o", REPORT_FIELDS, "-O", "lv_time", vg)
                .accepting(0, LVM_FAILED);
    }

    /** {@code mkdir -p DIR}: the snapshot's mount point. */
    /** {@code lvs --noheadings -o origin VG/LV}: the origin of a snapshot (exit 5 when there is no such LV). */
    static Command origin(LvPath lv) {
        return Command.of("lvs", "--noheadings", "-o", "origin", lv.toString());
    }

    static Command mkdir(Path dir) {
        return Command.of("mkdir", "-p", dir.toString());
    }

    /**
     * {@code mount -o OPTIONS DEVICE DIR}.
     *
     * @param fs the file system type; xfs adds {@code nouuid}, since the snapshot carries the
     *     same UUID as the mounted origin
     * @param extra options from {@code mount_options}, appended
     */
    static Command mount(String device, Path dir, String fs, List<String> extra) {
        return Command.of("mount", "-o", mountOptions(fs, extra), device, dir.toString());
    }

    /** {@code nouuid,noatime} for xfs, {@code noatime} otherwise, then the extra options. */
    static String mountOptions(String fs, List<String> extra) {
        Set<String> options = new LinkedHashSet<>();
        if (fs.equals("xfs")) {
            options.add("nouuid");
        }
        options.add("noatime");
        options.addAll(extra);
        return String.join(",", options);
    }

    /**
     * {@code mountpoint -q DIR}: exit 0 when something is mounted there, 32 when not, 1 when the
     * path does not exist (all accepted).
     */
    static Command mountpoint(Path dir) {
        return Command.of("mountpoint", "-q", dir.toString()).accepting(0, NOT_A_MOUNTPOINT, NO_SUCH_PATH);
    }

    /** {@code umount DIR}. */
    static Command umount(Path dir) {
        return Command.of("umount", dir.toString());
    }
}
