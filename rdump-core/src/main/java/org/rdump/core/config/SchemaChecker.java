package org.rdump.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigProblem;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.command.Secrets;

/**
 * Checks one configuration object against a {@link SettingsSchema}: unknown keys (with the
 * closest known one suggested), missing required keys, wrong types and values outside the
 * allowed choices. Adds every problem to a list instead of stopping at the first. Also makes
 * {@code PATH} values absolute against the configuration file's directory, so that plugins never
 * see a path relative to whatever directory rdump happens to be started from.
 */
final class SchemaChecker {
    private static final Pattern SIZE =
            Pattern.compile("(?i)\\d+(\\.\\d+)?[bskmgtpe]?|\\d+%(vg|free|origin|pvs)");

    private final YamlTree tree;
    private final Path baseDirectory;
    private final List<ConfigProblem> problems;

    SchemaChecker(YamlTree tree, Path baseDirectory, List<ConfigProblem> problems) {
        this.tree = tree;
        this.baseDirectory = baseDirectory;
        this.problems = problems;
    }

    void problem(String path, String message) {
        problems.add(new ConfigProblem(tree.position(path) + " " + path, message));
    }

    /**
     * Checks {@code values} (at key path {@code where}) and returns a copy with defaults left out
     * and paths made absolute.
     *
     * @param alsoAllowed keys the caller handles itself (e.g. {@code name}, {@code actions})
     */
    Map<String, Object> check(String where, Map<String, Object> values, SettingsSchema schema,
                              List<String> alsoAllowed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            String path = join(where, key);
            if (alsoAllowed.contains(key)) {
                out.put(key, e.getValue());
                continue;
            }
            var spec = schema.key(key);
            if (spec.isEmpty()) {
                List<String> known = new ArrayList<>(alsoAllowed);
                schema.keys().forEach(k -> known.add(k.name()));
                problem(path, "unknown key '" + key + "'" + suggestion(key, known) + "; expected one of: "
                        + String.join(", ", known));
                continue;
            }
            Object checked = checkValue(path, e.getValue(), spec.get());
            if (checked != null) {
                out.put(key, checked);
            }
        }
        for (Key k : schema.keys()) {
            if (k.required() && values.get(k.name()) == null) {
                problem(where, "missing required key '" + k.name() + "' (" + expected(k) + ": " + k.description() + ")");
            }
        }
        return out;
    }

    private @Nullable Object checkValue(String path, @Nullable Object v, Key k) {
        if (v == null) {
            if (k.required()) {
                problem(path, "'" + k.name() + "' has no value; expected " + expected(k));
            }
            return null;
        }
        switch (k.type()) {
            case STRING -> {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    return wrong(path, k, v);
                }
                String s = v.toString();
                if (!k.choices().isEmpty() && !k.choices().contains(s)) {
                    problem(path, "'" + s + "' is not allowed for '" + k.name() + "'; expected one of: "
                            + String.join(", ", k.choices()));
                    return null;
                }
                return s;
            }
            case PATH -> {
                if (!(v instanceof String s) || s.isBlank()) {
                    return wrong(path, k, v);
                }
                return isRemote(s) ? s : baseDirectory.resolve(s).normalize().toString();
            }
            case INTEGER -> {
                if (v instanceof Long || v instanceof Integer) {
                    return v;
                }
                return wrong(path, k, v);
            }
            case BOOLEAN -> {
                if (v instanceof Boolean) {
                    return v;
                }
                return wrong(path, k, v);
            }
            case SIZE -> {
                if ((v instanceof String || v instanceof Long) && SIZE.matcher(v.toString()).matches()) {
                    return v.toString();
                }
                return wrong(path, k, v);
            }
            case SECRET -> {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    problem(path, "expected " + expected(k) + " for '" + k.name() + "', found "
                            + (v instanceof Map ? "a mapping" : "a list"));
                    return null;
                }
                String s = v.toString();
                for (int i = 0; i < s.length(); i++) {
                    if (Character.isISOControl(s.charAt(i))) {
                        problem(path, "'" + k.name() + "' contains a control character (U+"
                                + String.format(java.util.Locale.ROOT, "%04X", (int) s.charAt(i)) + ") at character "
                                + (i + 1) + "; a secret must be printable text (its value is not shown here)");
                        return null;
                    }
                }
                Secrets.register(s);
                return s;
            }
            case STRING_LIST -> {
                if (v instanceof String s) {
                    return List.of(s);
                }
                if (v instanceof List<?> list && list.stream().allMatch(o -> o instanceof String || o instanceof Number)) {
                    return list.stream().map(String::valueOf).toList();
                }
                return wrong(path, k, v);
            }
            case OBJECT -> {
                if (!(v instanceof Map<?, ?> m)) {
                    return wrong(path, k, v);
                }
                SettingsSchema nested = k.nested();
                assert nested != null;
                return check(path, stringKeys(m), nested, List.of());
            }
            case COMMAND -> {
                return argv(path, k, v);
            }
            case COMMAND_LIST -> {
                if (!(v instanceof List<?> list)) {
                    return wrong(path, k, v);
                }
                if (!list.isEmpty() && list.stream().noneMatch(o -> o instanceof List)) {
                    String items = list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
                    problem(path, "expected " + expected(k) + " for '" + k.name() + "', found a list of strings; write"
                            + " each command as its own list: [[" + items + "]], not [" + items + "]");
                    return null;
                }
                List<List<String>> out = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < list.size(); i++) {
                    List<String> argv = argv(path + "[" + i + "]", k, list.get(i));
                    ok &= argv != null;
                    if (argv != null) {
                        out.add(argv);
                    }
                }
                return ok ? out : null;
            }
            case OBJECT_LIST -> {
                if (!(v instanceof List<?> list)) {
                    return wrong(path, k, v);
                }
                SettingsSchema nested = k.nested();
                assert nested != null;
                List<Map<String, Object>> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Map<?, ?> m)) {
                        problem(path + "[" + i + "]", "expected a mapping (" + String.join(", ", nested.keys().stream()
                                .map(Key::name).toList()) + ") for each entry of '" + k.name() + "', found "
                                + describe(list.get(i)));
                        continue;
                    }
                    out.add(check(path + "[" + i + "]", stringKeys(m), nested, List.of()));
                }
                return out;
            }
        }
        throw new AssertionError(k.type());
    }

    /** One argument vector: a non-empty list of strings (numbers allowed); a plain string is refused. */
    private @Nullable List<String> argv(String path, Key k, @Nullable Object v) {
        if (v instanceof String s) {
            problem(path, "expected an argument vector (a list such as [" + String.join(", ", s.trim().split("\\s+"))
                    + "]) for '" + k.name() + "', found the string '" + s + "'; rdump runs no shell: write the program"
                    + " and each argument as a list item, or [sh, -c, '...'] if you mean a shell");
            return null;
        }
        if (!(v instanceof List<?> list) || list.isEmpty()
                || !list.stream().allMatch(o -> o instanceof String || o instanceof Number || o instanceof Boolean)) {
            problem(path, "expected an argument vector (a non-empty list of strings such as [sqlite3, /var/lib/app.db,"
                    + " .dump]) for '" + k.name() + "', found " + (v instanceof List<?> l && l.isEmpty() ? "an empty list"
                    : describe(v)));
            return null;
        }
        if (String.valueOf(list.get(0)).isBlank()) {
            problem(path, "the program (the first item) of '" + k.name() + "' is empty");
            return null;
        }
        List<String> argv = new ArrayList<>(list.stream().map(String::valueOf).toList());
        String program = argv.get(0);
        if (program.indexOf('/') >= 0 && !program.startsWith("/")) {
            argv.set(0, baseDirectory.resolve(program).normalize().toString()); // like every relative path
        }
        return List.copyOf(argv);
    }

    private static boolean isRemote(String s) {
        // host:path as rsync and ssh write it; a relative local path never holds ':' before its first '/'.
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash);
    }

    private @Nullable Object wrong(String path, Key k, Object v) {
        problem(path, "expected " + expected(k) + " for '" + k.name() + "', found " + describe(v));
        return null;
    }

    static String expected(Key k) {
        return switch (k.type()) {
            case STRING -> k.choices().isEmpty() ? "a string" : "one of " + String.join(", ", k.choices());
            case PATH -> "a path";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case SIZE -> "a size such as 5g, 512M or 10%ORIGIN";
            case STRING_LIST -> "a list of strings";
            case SECRET -> "a secret string";
            case OBJECT -> "a mapping";
            case COMMAND -> "an argument vector (a list of strings, the program first)";
            case COMMAND_LIST -> "a list of argument vectors (each a list of strings, the program first)";
            case OBJECT_LIST -> "a list of mappings";
        };
    }

    static String describe(@Nullable Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return v.toString();
    }

    static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    static String join(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    /** {@code "; did you mean 'x'?"} when a known key is within two edits. */
    static String suggestion(String key, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
