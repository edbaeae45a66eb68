package org.rdump.image;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.command.CommandResult;

/**
 * What is mounted at a tree's root, as {@code findmnt -P} tells. Immutable.
 *
 * @param mountPoint the tree's root
 * @param device the source, e.g. {@code /dev/sda1}, {@code /dev/loop3}
 * @param fstype e.g. {@code ext4}, {@code vfat}
 * @param options the mount options, e.g. {@code rw,relatime}
 */
record Mounted(Path mountPoint, String device, String fstype, List<String> options) {
    private static final Pattern PAIR = Pattern.compile("([A-Z-]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    Mounted {
        options = List.copyOf(options);
    }

    /** Asks findmnt (read-only) what is mounted exactly at {@code root}. */
    static Mounted at(Path root, RunContext context) {
        CommandResult r = context.queryRunner().run(ImageCommands.findmnt(root));
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new RdumpException("nothing is mounted at " + root + ", so there is no block device to image; an"
                    + " image volume's mount (or its snapshot's) must be the root of a file system on a block"
                    + " device (findmnt --mountpoint " + root + " finds nothing)");
        }
        return parse(root, r.stdoutLines().get(0));
    }

    /** Parses one {@code findmnt -n -P -o SOURCE,FSTYPE,OPTIONS} line. */
    static Mounted parse(Path root, String line) {
        Map<String, String> v = new HashMap<>();
        Matcher m = PAIR.matcher(line);
        while (m.find()) {
            v.put(m.group(1), unescape(m.group(2)));
        }
        if (!v.containsKey("SOURCE") || !v.containsKey("FSTYPE") || !v.containsKey("OPTIONS")) {
            throw new IllegalArgumentException("not a findmnt -P line of SOURCE, FSTYPE and OPTIONS: " + line);
        }
        return new Mounted(root, v.get("SOURCE"), v.get("FSTYPE"), List.of(v.get("OPTIONS").split(",")));
    }

    private static String unescape(String s) {
        // findmnt -P writes unsafe bytes as \xHH
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    boolean writable() {
        return options.contains("rw");
    }

    /** Fails unless the source is a block device (not a ZFS dataset, a btrfs subvolume's path, a FUSE source). */
    void requireBlockDevice(String volume, String what) {
        if (!device.startsWith("/dev/") || device.contains("[")) {
            throw new RdumpException("volume " + volume + " is mounted from '" + device + "' (" + fstype + "), which"
                    + " is not a block device that can be " + what + "; type: image reads partitions, LVM snapshots and"
                    + " loop devices (for ZFS, use zfs-stream; for btrfs, a tree tool such as borg or rsync)");
        }
    }
}
