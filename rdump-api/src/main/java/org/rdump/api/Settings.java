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
     * @param where the key path of this object, e.g. {@code lvm[0]}; never null
     * @param values the raw values; copied
     * @param locator maps a key of this object to {@code file:line:column}
     */
    public Settings(String where, Map<String, ?> values, Function<String, String> locator) {
        this.where = where;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locator = locator;
    }

    /** Settings with no source file, for code and tests. */
    public static Settings of(Map<String, ?> values) {
        return new Settings("", values, key -> "<code>");
    }

    /** The key path of this object, e.g. {@code lvm[0]}. */
    public String where() {
        return where;
    }

    /** {@code file:line:column key-path} of a key, for messages. */
    public String locate(String key) {
        return locator.apply(key) + " " + (where.isEmpty() ? key : where + "." + key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The raw value map (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

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

    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    public Path path(String key) {
        return Path.of(string(key));
    }

    public Optional<Path> optionalPath(String key) {
        return optionalString(key).map(Path::of);
    }

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

    /** A list of strings; a single string counts as a list of one. Empty when absent. */
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

    /** A nested object; empty when absent. */
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
