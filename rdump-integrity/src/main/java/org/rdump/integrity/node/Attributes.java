package org.rdump.integrity.node;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map of attribute names to values, sorted by name (as rsure's BTreeMap). Values are
 * kept as they appear in the file, i.e. escaped where escaping applies (such as {@code targ}).
 * Names and values never contain a space, {@code '['}, {@code ']'} or a line break; names are
 * non-empty.
 *
 * @since 0.1
 */
public final class Attributes {
    /** The empty attribute map. */
    public static final Attributes EMPTY = new Attributes(new TreeMap<>());

    private final SortedMap<String, String> map;

    private Attributes(TreeMap<String, String> map) {
        this.map = Collections.unmodifiableSortedMap(map);
    }

    /**
     * @param map the attributes; never null; copied
     * @return the attributes; never null
     * @throws IllegalArgumentException when a name or value holds a character the format forbids
     */
    public static Attributes of(Map<String, String> map) {
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            checkKey(e.getKey());
            checkValue(e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        return new Attributes(copy);
    }

    /** Takes ownership of an already checked map (used by the parser). */
    static Attributes trusted(TreeMap<String, String> map) {
        return new Attributes(map);
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

    /**
     * @return the value, never null but possibly empty
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    /** The value or null; for hot paths. */
    public @Nullable String getOrNull(String key) {
        return map.get(key);
    }

    /** The {@code kind} attribute ({@code dir}, {@code file}, {@code lnk}, ...), or "" if absent. */
    public String kind() {
        String k = map.get("kind");
        return k == null ? "" : k;
    }

    /** A copy with {@code key} set to {@code value}. */
    public Attributes with(String key, String value) {
        checkKey(key);
        checkValue(key, value);
        TreeMap<String, String> copy = new TreeMap<>(map);
        copy.put(key, value);
        return new Attributes(copy);
    }

    /** A copy without {@code key} (this object if absent). */
    public Attributes without(String key) {
        if (!map.containsKey(key)) {
            return this;
        }
        TreeMap<String, String> copy = new TreeMap<>(map);
        copy.remove(key);
        return new Attributes(copy);
    }

    /** An unmodifiable sorted view; never null. */
    public Map<String, String> asMap() {
        return map;
    }

    /** The number of attributes. */
    public int size() {
        return map.size();
    }

    /**
     * The names whose value differs or which only one side has, sorted, excluding {@code ignore}.
     *
     * @return a new sorted set; never null, possibly empty
     */
    public Set<String> differingKeys(Attributes other, Set<String> ignore) {
        TreeSet<String> out = new TreeSet<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!ignore.contains(e.getKey()) && !e.getValue().equals(other.map.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        for (String k : other.map.keySet()) {
            if (!ignore.contains(k) && !map.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Appends {@code [k v k v ]} to {@code sb}. */
    void render(StringBuilder sb) {
        sb.append('[');
        for (Map.Entry<String, String> e : map.entrySet()) {
            sb.append(e.getKey()).append(' ').append(e.getValue()).append(' ');
        }
        sb.append(']');
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Attributes a && map.equals(a.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }
}
