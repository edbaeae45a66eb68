package org.rdump.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable, typed view of one configuration object (a volume, a tool, a replication job)
 * as plugins see it. Core checks every {@code Settings} against the plugin's
 * {@link SettingsSchema} before anything runs, so the typed getters below fail only on a
 * programming error (a key the schema does not declare), and then with a
 * {@link ConfigException} naming the position.
 *
 * <p>Values are strings, booleans, numbers, lists and nested maps as YAML gives them.
 *
 * @since 0.1
 */
public final class Settings {
    private final String where;
    private final Map<String, Object> values;
    private final Function<String, String> locator;

    /**
     * Settings read from a configuration file (core makes them; plugins receive them).
     *
     * @param where the key path of this object, e.g. {@code lvm[0]}; never null
     * @param values the raw values; copied
     * @param locator maps a key of this object to {@code file:line:column}; never null
     */
    public Settings(String where, Map<String, ?> values, Function<String, String> locator) {
        this.where = where;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locator = locator;
    }

    /**
     * Settings with no source file, for code and tests; messages locate keys at {@code <code>}.
     *
     * @param values the raw values, as YAML would give them; copied
     * @return the settings; never null
     */
    public static Settings of(Map<String, ?> values) {
        return new Settings("", values, key -> "<code>");
    }

    /**
     * The key path of this object in the configuration.
     *
     * @return e.g. {@code lvm[0]}; empty for settings made in code; never null
     */
    public String where() {
        return where;
    }

    /**
     * Where a key is, for a message a user can act on (also for a key that is absent: then the
     * object's own position).
     *
     * @param key a key of this object; never null
     * @return {@code file:line:column key-path}, e.g. {@code rdump.yaml:4:5 lvm[0].vg}
     */
    public String locate(String key) {
        return locator.apply(key) + " " + (where.isEmpty() ? key : where + "." + key);
    }

    /**
     * The keys present, in file order.
     *
     * @return the keys; never null, unmodifiable
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Whether a key is present with a value (a key written with no value, {@code key:}, is not).
     *
     * @param key the key; never null
     * @return true when it has a value
     */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /**
     * The raw values, as YAML gave them, for settings a plugin passes on as a whole.
     *
     * @return the value map, in file order; never null, unmodifiable
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * A required string (any scalar reads as its text).
     *
     * @param key the key; never null
     * @return the value; never null
     * @throws ConfigException naming the position when the key is absent or not a scalar
     */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    /**
     * An optional string (any scalar reads as its text).
     *
     * @param key the key; never null
     * @return the value; never null, empty when absent
     * @throws ConfigException naming the position when the value is a list or a mapping
     */
    public Optional<String> optionalString(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw wrongType(key, "a string");
        }
        return Optional.of(v.toString());
    }

    /**
     * A string with a default.
     *
     * @param key the key; never null
     * @param fallback the value when the key is absent
     * @return the value, or {@code fallback}
     * @throws ConfigException naming the position when the value is a list or a mapping
     */
    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    /**
     * A required path, as written (not resolved against any directory).
     *
     * @param key the key; never null
     * @return the path; never null
     * @throws ConfigException naming the position when the key is absent or not a scalar
     */
    public Path path(String key) {
        return Path.of(string(key));
    }

    /**
     * An optional path, as written.
     *
     * @param key the key; never null
     * @return the path; never null, empty when absent
     * @throws ConfigException naming the position when the value is a list or a mapping
     */
    public Optional<Path> optionalPath(String key) {
        return optionalString(key).map(Path::of);
    }

    /**
     * A whole number with a default (a YAML number, or a string of digits).
     *
     * @param key the key; never null
     * @param fallback the value when the key is absent
     * @return the value, or {@code fallback}
     * @throws ConfigException naming the position when the value is not a whole number
     */
    public long number(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrongType(key, "a whole number");
        }
    }

    /**
     * A boolean with a default ({@code true} or {@code false}, also as strings).
     *
     * @param key the key; never null
     * @param fallback the value when the key is absent
     * @return the value, or {@code fallback}
     * @throws ConfigException naming the position when the value is neither true nor false
     */
    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw wrongType(key, "true or false");
    }

    /**
     * A list of strings; a single string counts as a list of one.
     *
     * @param key the key; never null
     * @return the values in order; never null, empty when absent, unmodifiable
     * @throws ConfigException naming the position when the value or an element is a list or a mapping
     */
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map || o instanceof List) {
                    throw wrongType(key, "a list of strings");
                }
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }
        if (v instanceof Map) {
            throw wrongType(key, "a list of strings");
        }
        return List.of(v.toString());
    }

    /**
     * An argument vector ({@link SettingsSchema.Type#COMMAND}).
     *
     * @param key never null
     * @return never null; empty when absent
     * @throws ConfigException when the value is not a list of strings
     * @since 0.6
     */
    public List<String> command(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "an argument vector such as [pg_dump, mydb]");
        }
        return argv(key, list);
    }

    /**
     * A list of argument vectors ({@link SettingsSchema.Type#COMMAND_LIST}).
     *
     * @param key never null
     * @return never null; empty when absent
     * @throws ConfigException when the value is not a list of lists of strings
     * @since 0.6
     */
    public List<List<String>> commands(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "a list of argument vectors such as [[systemctl, stop, app]]");
        }
        List<List<String>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof List<?> argv)) {
                throw wrongType(key, "a list of argument vectors such as [[systemctl, stop, app]]");
            }
            out.add(argv(key, argv));
        }
        return List.copyOf(out);
    }

    private List<String> argv(String key, List<?> list) {
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o == null || o instanceof Map || o instanceof List) {
                throw wrongType(key, "an argument vector (a list of strings)");
            }
            out.add(String.valueOf(o));
        }
        return List.copyOf(out);
    }

    /**
     * A list of nested objects ({@link SettingsSchema.Type#OBJECT_LIST}), each located as
     * {@code key[i]}.
     *
     * @param key never null
     * @return never null; empty when absent
     * @throws ConfigException when the value is not a list of mappings
     * @since 0.6
     */
    public List<Settings> children(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "a list of mappings");
        }
        List<Settings> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw wrongType(key, "a list of mappings");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, val) -> m.put(String.valueOf(k), val));
            String item = key + "[" + i + "]";
            String childWhere = where.isEmpty() ? item : where + "." + item;
            Function<String, String> childLocator = k -> locator.apply(item + "." + k);
            out.add(new Settings(childWhere, m, childLocator));
        }
        return List.copyOf(out);
    }

    /**
     * A nested object, whose messages locate its keys under this one ({@code volumes[0].retention.daily}).
     *
     * @param key the key; never null
     * @return the nested settings; never null, empty when absent
     * @throws ConfigException naming the position when the value is not a mapping
     */
    public Optional<Settings> child(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrongType(key, "a mapping of keys to values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, val) -> m.put(String.valueOf(k), val));
        String childWhere = where.isEmpty() ? key : where + "." + key;
        Function<String, String> childLocator = k -> locator.apply(key + "." + k);
        return Optional.of(new Settings(childWhere, m, childLocator));
    }

    private ConfigException missing(String key) {
        return new ConfigException(locate(key), "missing required key '" + key + "'");
    }

    private ConfigException wrongType(String key, String expected) {
        return new ConfigException(locate(key), "expected " + expected + ", found '" + values.get(key) + "'");
    }

    @Override
    public String toString() {
        return "Settings[" + where + ", keys=" + values.keySet() + "]";
    }
}
