package org.rdump.zfs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code zfs list -H}: a dataset, snapshot or bookmark name and its other columns.
 * Immutable.
 *
 * @param name the full name ({@code pool/fs}, {@code pool/fs@snap}, {@code pool/fs#mark});
 *     may contain spaces
 * @param values the other columns by property name, in column order; copied
 * @since 0.1
 */
public record ZfsRow(String name, Map<String, String> values) {
    public ZfsRow {
        Objects.requireNonNull(name, "name");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The dataset part: the name up to {@code @} or {@code #}. */
    public String dataset() {
        int i = separator();
        return i < 0 ? name : name.substring(0, i);
    }

    /** The snapshot's short name (after {@code @}); empty for datasets and bookmarks. */
    public Optional<String> snapshot() {
        int i = name.indexOf('@');
        return i < 0 ? Optional.empty() : Optional.of(name.substring(i + 1));
    }

    public boolean isSnapshot() {
        return name.indexOf('@') >= 0;
    }

    public boolean isBookmark() {
        return name.indexOf('#') >= 0;
    }

    /** A column's raw value; empty when the column was not listed or is {@code -}. */
    public Optional<String> value(String property) {
        String v = values.get(property);
        return v == null || v.equals("-") ? Optional.empty() : Optional.of(v);
    }

    private int separator() {
        int at = name.indexOf('@');
        int hash = name.indexOf('#');
        if (at < 0) {
            return hash;
        }
        return hash < 0 ? at : Math.min(at, hash);
    }
}
