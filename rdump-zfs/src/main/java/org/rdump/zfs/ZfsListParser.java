package org.rdump.zfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdump.api.RdumpException;

/**
 * Parses the script-friendly output of {@code zfs list -H} and {@code zfs get -H}: one record a
 * line, fields separated by one tab (names may contain spaces, never tabs). Pure and
 * stateless; works with and without {@code -p} (the values are kept as text; see
 * {@link ZfsValues} to read sizes and times in either form).
 *
 * @since 0.1
 */
public final class ZfsListParser {

    /** The columns {@link ZfsCommands#listSnapshots} asks for. */
    public static final List<String> SNAPSHOT_COLUMNS = List.of("name", "creation", "used");

    private ZfsListParser() {
    }

    /**
     * Parses {@code zfs list -H -o COLUMNS} output.
     *
     * @param columns the {@code -o} columns, starting with {@code name}
     * @throws RdumpException naming the line when a line has the wrong number of fields
     */
    public static List<ZfsRow> parseList(String output, List<String> columns) {
        if (columns.isEmpty() || !columns.get(0).equals("name")) {
            throw new IllegalArgumentException("the first column must be 'name': " + columns);
        }
        List<ZfsRow> rows = new ArrayList<>();
        for (String line : lines(output)) {
            String[] f = line.split("\t", -1);
            if (f.length != columns.size()) {
                throw new RdumpException("unexpected zfs list output: expected " + columns.size()
                        + " tab-separated fields " + columns + ", found " + f.length + " in line '" + line + "'");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) {
                values.put(columns.get(i), f[i]);
            }
            rows.add(new ZfsRow(f[0], values));
        }
        return List.copyOf(rows);
    }

    /**
     * Parses {@code zfs get -H -o name,property,value,source} output. Every property is kept,
     * including ones this code does not know (user properties, newer native ones).
     *
     * @throws RdumpException naming the line when a line does not have four fields
     */
    public static List<ZfsProperty> parseGet(String output) {
        List<ZfsProperty> out = new ArrayList<>();
        for (String line : lines(output)) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new RdumpException("unexpected zfs get output: expected 4 tab-separated fields"
                        + " (name, property, value, source), found " + f.length + " in line '" + line + "'");
            }
            out.add(new ZfsProperty(f[0], f[1], f[2], f[3]));
        }
        return List.copyOf(out);
    }

    /** {@link #parseGet} grouped by name, then by property, both in output order. */
    public static Map<String, Map<String, ZfsProperty>> parseGetByName(String output) {
        Map<String, Map<String, ZfsProperty>> out = new LinkedHashMap<>();
        for (ZfsProperty p : parseGet(output)) {
            out.computeIfAbsent(p.name(), k -> new LinkedHashMap<>()).put(p.property(), p);
        }
        return out;
    }

    private static List<String> lines(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }
}
