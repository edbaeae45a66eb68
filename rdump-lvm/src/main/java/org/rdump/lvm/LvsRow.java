package org.rdump.lvm;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One logical volume as {@code lvs --reportformat json} reports it. Immutable. The values are
 * kept as lvs prints them; an empty string means lvs reported nothing (for example no
 * {@code snap_percent} for an inactive or thin snapshot).
 *
 * <p>{@code lv_attr} is ten characters (see lvs(8)): the first is the volume type ({@code s}
 * snapshot, {@code S} invalid snapshot, {@code V} thin volume, {@code o} origin...), the fifth
 * is the state ({@code a} active, {@code I} invalid snapshot, {@code S} invalid suspended
 * snapshot, {@code X} unknown...).
 *
 * @param name {@code lv_name}
 * @param attr {@code lv_attr}
 * @param origin {@code origin}: the volume a snapshot was taken of, or empty
 * @param snapPercent {@code snap_percent}: how full a copy-on-write snapshot is, or empty
 * @param dataPercent {@code data_percent}: how full a thin volume or snapshot is, or empty
 */
record LvsRow(String name, String attr, String origin, String snapPercent, String dataPercent) {

    /** The fill level at or above which a run warns that {@code size} should be raised. */
    static final BigDecimal WARN_PERCENT = new BigDecimal("80");
    private static final BigDecimal FULL = new BigDecimal("100");

    LvsRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attr, "attr");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(snapPercent, "snapPercent");
        Objects.requireNonNull(dataPercent, "dataPercent");
    }

    private char attrAt(int i) {
        return attr.length() > i ? attr.charAt(i) : '?';
    }

    /** The volume type, the first {@code lv_attr} character. */
    char type() {
        return attrAt(0);
    }

    /** The state, the fifth {@code lv_attr} character. */
    char state() {
        return attrAt(4);
    }

    /** Whether this is a thin volume (a thin snapshot when it has an origin). */
    boolean isThin() {
        return type() == 'V';
    }

    /** Whether this is a snapshot: a copy-on-write one (valid or not) or a thin one. */
    boolean isSnapshot() {
        return type() == 's' || type() == 'S' || (isThin() && !origin.isEmpty());
    }

    /** How full a copy-on-write snapshot is; empty when lvs did not say. */
    Optional<BigDecimal> snapFill() {
        return percent(snapPercent);
    }

    /** How full a thin volume is; empty when lvs did not say. */
    Optional<BigDecimal> dataFill() {
        return percent(dataPercent);
    }

    /** The fill level that matters for this kind of snapshot. */
    Optional<BigDecimal> fill() {
        return isThin() ? dataFill() : snapFill();
    }

    private static Optional<BigDecimal> percent(String s) {
        String t = s.trim().replace(',', '.');
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Why this snapshot's contents cannot be trusted, or empty when they can: it was
     * invalidated, it is full (a full copy-on-write snapshot is invalid), or lvs could not tell
     * its state. The text completes "snapshot vg0/root_snap ...".
     */
    Optional<String> problem() {
        String facts = "(lv_attr " + attr
                + (snapPercent.isEmpty() ? "" : ", snap_percent " + snapPercent) + ")";
        if (type() == 'S' || state() == 'I' || state() == 'S') {
            return Optional.of("was invalidated because it overflowed " + facts);
        }
        if (!isThin() && snapFill().map(p -> p.compareTo(FULL) >= 0).orElse(false)) {
            return Optional.of("is full and therefore invalid " + facts);
        }
        if (state() == 'X' || state() == '?') {
            return Optional.of("is in an unknown state " + facts + ": lvs could not read it from the kernel");
        }
        return Optional.empty();
    }
}
