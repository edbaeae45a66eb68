package org.rdump.integrity.node;

import org.jspecify.annotations.Nullable;

/**
 * The values rsure defines for its attributes (RSURE-FORMAT.md §3), checked when a line is read so
 * that a damaged manifest is refused with file and line instead of being compared or restored from:
 * {@code sha1} is 40 lower-case hex digits; {@code size} (an {@code off_t}) 0..2^63-1; {@code ino}
 * (a {@code u64}) 0..2^64-1; {@code uid}, {@code gid} (a {@code u32}) 0..2^32-1; {@code perm}
 * ({@code st_mode & ~S_IFMT}) 0..4095; {@code mtime}, {@code ctime} (an {@code i64}, negative
 * before 1970) any signed 64-bit number; {@code devmaj}, {@code devmin} 0..2^32-1 (rsure's own
 * formula gives at most 4095 and 255; the range is kept wide so that no file another rsure wrote
 * is refused). Numbers are plain decimal, a sign only where negative values exist; leading zeros
 * are accepted, as Rust's parsers accept them. Other attributes ({@code kind}, {@code targ},
 * unknown names) are not checked here. Stateless.
 */
final class AttributeRules {
    private static final String U63 = "9223372036854775807";
    private static final String I64_MIN = "9223372036854775808";
    private static final String U64 = "18446744073709551615";
    private static final String U32 = "4294967295";

    private AttributeRules() {}

    /**
     * @return what a valid value of {@code key} looks like (e.g. "expected 40 lower-case hex
     *     digits") when {@code value} is not one, or null when it is valid
     */
    static @Nullable String problem(String key, String value) {
        switch (key) {
            case "sha1":
                return isSha1(value) ? null : "expected 40 lower-case hex digits";
            case "size":
                return unsigned(value, U63);
            case "ino":
                return unsigned(value, U64);
            case "uid", "gid", "devmaj", "devmin":
                return unsigned(value, U32);
            case "perm":
                return unsigned(value, "4095");
            case "mtime", "ctime":
                return signed(value);
            default:
                return null;
        }
    }

    static boolean isSha1(String v) {
        if (v.length() != 40) {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String unsigned(String v, String max) {
        return atMost(v, 0, max) ? null : "expected a decimal number from 0 to " + max;
    }

    private static @Nullable String signed(String v) {
        boolean ok = v.startsWith("-") ? atMost(v, 1, I64_MIN) : atMost(v, 0, U63);
        return ok ? null : "expected a decimal number from -" + I64_MIN + " to " + U63;
    }

    /** Whether v[from..] is one or more decimal digits whose value is at most {@code max}. */
    private static boolean atMost(String v, int from, String max) {
        int n = v.length();
        if (from >= n) {
            return false;
        }
        for (int i = from; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        int start = from;
        while (start < n - 1 && v.charAt(start) == '0') {
            start++;
        }
        int len = n - start;
        if (len != max.length()) {
            return len < max.length();
        }
        return v.substring(start).compareTo(max) <= 0;
    }
}
