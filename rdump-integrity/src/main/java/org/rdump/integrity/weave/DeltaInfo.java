package org.rdump.integrity.weave;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One version (delta) recorded in a weave header. Immutable.
 *
 * @param number the delta number, 1 for the first version, growing by one
 * @param name the version's name (rsure's {@code name} tag); never null
 * @param tags the other tags, sorted by name (code point order, as rsure's BTreeMap), without
 *     {@code name}; never null; copied
 * @param time when the version was stored; never null
 * @since 0.1
 */
public record DeltaInfo(int number, String name, Map<String, String> tags, Instant time) {
    public DeltaInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1, got " + number);
        }
        TreeMap<String, String> sorted = new TreeMap<>(DeltaInfo::compareCodePoints);
        sorted.putAll(tags);
        sorted.remove("name");
        tags = Collections.unmodifiableSortedMap(sorted);
    }

    /** Code point order, which equals the UTF-8 byte order rsure sorts tags by. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
