package org.rdump.integrity.node;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map of attribute names to values, sorted by name (as rsure's BTreeMap). Values are
 * kept as they appear in the file, i.e. escaped where escaping applies (such as {@code targ}).
 * Names and values never contain a space, {@code '['}, {@code ']'} or a line break; names are
 * non-empty. Stored as two sorted arrays: compact and cheap to build while parsing.
 *
 * @since 0.1
 */
public final class Attributes {
    /** The empty attribute map. */
    public static final Attributes EMPTY = new Attributes(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;
    private @Nullable Map<String, String> view;

    private Attributes(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * @param map the attributes; never null; copied
     * @return the attributes; never null
     * @throws IllegalArgumentException when a name or value holds a character the format forbids
     */
    public static Attributes of(Map<String, String> map) {
        TreeMap<String, String> sorted = new TreeMap<>(map);
        String[] k = new String[sorted.size()];
        String[] v = new String[sorted.size()];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            checkKey(e.getKey());
            checkValue(e.getKey(), e.getValue());
            k[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new Attributes(k, v);
    }

    /**
     * Attributes from names in strictly ascending order and their values (both arrays copied):
     * what {@link #of} builds, without sorting a map (the scanner builds one per entry).
     *
     * @param keys the names, sorted as {@link String#compareTo}, no name twice; never null
     * @param values the values, one per name; never null
     * @return the attributes; never null
     * @throws IllegalArgumentException when the lengths differ, the names are not strictly
     *     ascending, or a name or value holds a character the format forbids
     * @since 0.6
     */
    public static Attributes ofSorted(String[] keys, String[] values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " names but " + values.length + " values");
        }
        for (int i = 0; i < keys.length; i++) {
            checkKey(keys[i]);
            checkValue(keys[i], values[i]);
            if (i > 0 && keys[i - 1].compareTo(keys[i]) >= 0) {
                throw new IllegalArgumentException("attribute names not in ascending order: \"" + keys[i - 1]
                        + "\" before \"" + keys[i] + "\"");
            }
        }
        return new Attributes(keys.clone(), values.clone());
    }

    /**
     * Takes ownership of parsed arrays (names and values already free of spaces and brackets),
     * sorting them when needed; a repeated name keeps its last value.
     */
    static Attributes trusted(String[] keys, String[] values, int n) {
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (keys[i - 1].compareTo(keys[i]) >= 0) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return new Attributes(n == keys.length ? keys : Arrays.copyOf(keys, n),
                    n == values.length ? values : Arrays.copyOf(values, n));
        }
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(keys[i], values[i]);
        }
        return new Attributes(m.keySet().toArray(new String[0]), m.values().toArray(new String[0]));
    }

    private static void checkKey(String k) {
        if (k.isEmpty() || !allowed(k)) {
            throw new IllegalArgumentException("attribute name not allowed: \"" + k + "\"");
        }
    }

    private static void checkValue(String k, String v) {
        if (!allowed(v)) {
            throw new IllegalArgumentException("value of attribute " + k + " not allowed: \"" + v + "\"");
        }
    }

    private static boolean allowed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '[' || c == ']' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String key) {
        return Arrays.binarySearch(keys, key);
    }

    /**
     * @return the value, never null but possibly empty
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(getOrNull(key));
    }

    /** The value or null; for hot paths. */
    public @Nullable String getOrNull(String key) {
        int i = indexOf(key);
        return i >= 0 ? values[i] : null;
    }

    /** The {@code kind} attribute ({@code dir}, {@code file}, {@code lnk}, ...), or "" if absent. */
    public String kind() {
        String k = getOrNull("kind");
        return k == null ? "" : k;
    }

    /** A copy with {@code key} set to {@code value}. */
    public Attributes with(String key, String value) {
        checkKey(key);
        checkValue(key, value);
        int i = indexOf(key);
        if (i >= 0) {
            String[] v = values.clone();
            v[i] = value;
            return new Attributes(keys, v);
        }
        int at = -i - 1;
        String[] k = new String[keys.length + 1];
        String[] v = new String[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        return new Attributes(k, v);
    }

    /** A copy without {@code key} (this object if absent). */
    public Attributes without(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return this;
        }
        String[] k = new String[keys.length - 1];
        String[] v = new String[keys.length - 1];
        System.arraycopy(keys, 0, k, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
        return new Attributes(k, v);
    }

    /** An unmodifiable view, iterating in name order; never null. */
    public Map<String, String> asMap() {
        Map<String, String> m = view;
        if (m == null) {
            m = new View();
            view = m;
        }
        return m;
    }

    /** The number of attributes. */
    public int size() {
        return keys.length;
    }

    /**
     * The names whose value differs or which only one side has, sorted, excluding {@code ignore}.
     *
     * @return a new sorted set; never null, possibly empty
     */
    public Set<String> differingKeys(Attributes other, Set<String> ignore) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < keys.length; i++) {
            if (!ignore.contains(keys[i]) && !values[i].equals(other.getOrNull(keys[i]))) {
                out.add(keys[i]);
            }
        }
        for (String k : other.keys) {
            if (!ignore.contains(k) && indexOf(k) < 0) {
                out.add(k);
            }
        }
        return out;
    }

    /** Appends {@code [k v k v ]} to {@code sb}. */
    void render(StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < keys.length; i++) {
            sb.append(keys[i]).append(' ').append(values[i]).append(' ');
        }
        sb.append(']');
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Attributes a && Arrays.equals(keys, a.keys) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }

    /** The read-only map view over the arrays. */
    private final class View extends AbstractMap<String, String> {
        @Override
        public @Nullable String get(@Nullable Object key) {
            return key instanceof String s ? getOrNull(s) : null;
        }

        @Override
        public boolean containsKey(@Nullable Object key) {
            return key instanceof String s && indexOf(s) >= 0;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < keys.length;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (i >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                            i++;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
    }
}
