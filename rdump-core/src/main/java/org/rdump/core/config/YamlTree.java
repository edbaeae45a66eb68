package org.rdump.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigProblem;

/**
 * A YAML document as plain maps, lists and scalars, with the {@code line:column} of every value
 * by its key path ({@code lvm[0].vg}). Built with Jackson's streaming YAML parser because
 * Jackson's tree model drops positions, and positions are what make a config error actionable.
 */
final class YamlTree {
    private final String fileName;
    private final @Nullable Object root;
    private final Map<String, String> positions;

    private YamlTree(String fileName, @Nullable Object root, Map<String, String> positions) {
        this.fileName = fileName;
        this.root = root;
        this.positions = positions;
    }

    /**
     * Parses a document; duplicate keys are added to {@code problems} (the later value wins).
     *
     * @throws YamlSyntaxException on a syntax error, with its position
     */
    static YamlTree parse(String fileName, Reader reader, List<ConfigProblem> problems) {
        Map<String, String> positions = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlTree(fileName, null, positions);
            }
            Builder b = new Builder(fileName, p, positions, problems);
            Object root = b.value("");
            return new YamlTree(fileName, root, positions);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? fileName : fileName + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new YamlSyntaxException(new ConfigProblem(where, "YAML syntax error: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new YamlSyntaxException(new ConfigProblem(fileName, "cannot read: " + e.getMessage()));
        }
    }

    @Nullable Object root() {
        return root;
    }

    /** {@code file:line:column} of the value at {@code path}, or of the nearest enclosing value. */
    String position(String path) {
        String p = path;
        while (true) {
            String pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return positions.getOrDefault("", fileName + ":1:1");
            }
            p = p.substring(0, cut);
        }
    }

    String fileName() {
        return fileName;
    }

    /** A syntax error that stops reading; carries the one problem. */
    static final class YamlSyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ConfigProblem problem;

        YamlSyntaxException(ConfigProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        ConfigProblem problem() {
            return problem;
        }
    }

    private record Builder(String file, JsonParser p, Map<String, String> positions, List<ConfigProblem> problems) {

        private String here() {
            JsonLocation l = p.currentTokenLocation();
            return file + ":" + l.getLineNr() + ":" + l.getColumnNr();
        }

        /** Reads the value at the current token. */
        @Nullable Object value(String path) throws IOException {
            positions.put(path, here());
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String keyPath = path.isEmpty() ? key : path + "." + key;
                        String keyPos = here();
                        p.nextToken();
                        boolean duplicate = map.containsKey(key);
                        Object v = value(keyPath);
                        positions.put(keyPath, keyPos);
                        if (duplicate) {
                            problems.add(new ConfigProblem(keyPos + " " + keyPath,
                                    "duplicate key '" + key + "' (the earlier one is ignored); remove one"));
                        }
                        map.put(key, v);
                    }
                    return map;
                }
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(value(path + "[" + list.size() + "]"));
                    }
                    return list;
                }
                case VALUE_STRING -> {
                    return p.getText();
                }
                case VALUE_NUMBER_INT -> {
                    return p.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    return p.getDoubleValue();
                }
                case VALUE_TRUE -> {
                    return Boolean.TRUE;
                }
                case VALUE_FALSE -> {
                    return Boolean.FALSE;
                }
                case VALUE_NULL -> {
                    return null;
                }
                default -> throw new IllegalStateException("unexpected YAML token " + t + " at " + here());
            }
        }
    }
}
