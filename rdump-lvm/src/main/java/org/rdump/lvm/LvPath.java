package org.rdump.lvm;

import java.util.regex.Pattern;

/**
 * A logical volume named by its volume group and its own name, written {@code vg/lv} as the
 * LVM commands take it. Immutable. Both names hold only the characters LVM allows
 * ({@code A-Z a-z 0-9 + _ . -}) and never start with {@code -}, so neither can be read as an
 * option by an LVM command.
 *
 * @param vg the volume group, e.g. {@code vg0}
 * @param lv the logical volume, e.g. {@code root}
 */
record LvPath(String vg, String lv) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*");

    LvPath {
        if (!isValidName(vg)) {
            throw new IllegalArgumentException("vg is not a valid LVM name: '" + vg + "'");
        }
        if (!isValidName(lv)) {
            throw new IllegalArgumentException("lv is not a valid LVM name: '" + lv + "'");
        }
    }

    /** Whether LVM accepts {@code name} as a volume group or logical volume name. */
    static boolean isValidName(String name) {
        return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /**
     * Parses {@code vg/lv}.
     *
     * @throws IllegalArgumentException when it is not two valid names joined by one {@code /}
     */
    static LvPath parse(String volume) {
        int slash = volume.indexOf('/');
        if (slash < 0 || volume.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("volume must be written vg/lv, e.g. vg0/root: '" + volume + "'");
        }
        return new LvPath(volume.substring(0, slash), volume.substring(slash + 1));
    }

    /** Another volume in the same group. */
    LvPath sibling(String name) {
        return new LvPath(vg, name);
    }

    /** The device node, {@code /dev/vg/lv}. */
    String device() {
        return "/dev/" + vg + "/" + lv;
    }

    @Override
    public String toString() {
        return vg + "/" + lv;
    }
}
