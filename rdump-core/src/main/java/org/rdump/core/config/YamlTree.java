package org.rdump.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigProblem;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML document as plain maps, lists and scalars, with the {@code line:column} of every value
 * by its key path ({@code lvm[0].vg}). Built with Jackson's streaming YAML parser because
 * Jackson's tree model drops positions, and positions are what make a config error actionable.
 */
final class YamlTree {
    /**
     * The longest value (a scalar) accepted, in characters: 64 KiB, far more than any path,
     * passphrase or option list needs.
     */
    static final int MAX_SCALAR = 1 << 16;
    private static final YAMLFactory FACTORY = factory();
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
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlTree(fileName, null, positions);
            }
            List<ConfigProblem> refused = new ArrayList<>();
            Builder b = new Builder(fileName, (YAMLParser) p, positions, problems, refused);
            Object root = b.value("");
            if (p.nextToken() != null) {
                refused.add(new ConfigProblem(b.here(), "a second YAML document starts here; rdump reads one"
                        + " document: remove the '---' line and merge the two, or delete one"));
            }
            if (!refused.isEmpty()) {
                throw new YamlSyntaxException(refused);
            }
            return new YamlTree(fileName, root, positions);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? fileName : fileName + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new YamlSyntaxException(List.of(new ConfigProblem(where, "YAML syntax error: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new YamlSyntaxException(List.of(new ConfigProblem(fileName, "cannot read: " + e.getMessage())));
        }
    }

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ConfigText.MAX_BYTES);
        options.setMaxAliasesForCollections(0);
        return YAMLFactory.builder().loaderOptions(options).build();
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

    /**
     * Input that stops reading: a syntax error, or YAML that rdump refuses (aliases, a second
     * document, a NUL...); carries the problems, whose follow-on effects are not reported.
     */
    static final class YamlSyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<ConfigProblem> problems;

        YamlSyntaxException(List<ConfigProblem> problems) {
            super(problems.get(0).toString());
            this.problems = List.copyOf(problems);
        }

        List<ConfigProblem> problems() {
            return problems;
        }
    }

    private record Builder(String file, YAMLParser p, Map<String, String> positions, List<ConfigProblem> problems,
                           List<ConfigProblem> refused) {

        private String here() {
            JsonLocation l = p.currentTokenLocation();
            return file + ":" + l.getLineNr() + ":" + l.getColumnNr();
        }

        private void problem(String path, String message) {
            refused.add(new ConfigProblem(here() + (path.isEmpty() ? "" : " " + path), message));
        }

        /** Reads the value at the current token; null (after adding a problem) for what rdump refuses. */
        @Nullable Object value(String path) throws IOException {
            positions.put(path, here());
            if (p.isCurrentAlias()) {
                problem(path, "YAML aliases (*" + p.getText() + ") are not supported: write the value out");
                return null;
            }
            if (p.getCurrentAnchor() != null) {
                problem(path, "YAML anchors (&" + p.getCurrentAnchor() + ") are not supported: write the value"
                        + " out wherever it is used");
                skip();
                return null;
            }
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String keyPath = path.isEmpty() ? key : path + "." + key;
                        String keyPos = here();
                        if (key.equals("<<")) {
                            problem(keyPath, "YAML merge keys (<<) are not supported: write the keys out");
                            p.nextToken();
                            skip();
                            continue;
                        }
                        if (!checkText(keyPath, key, "key")) {
                            p.nextToken();
                            skip();
                            continue;
                        }
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
                    String text = p.getText();
                    return checkText(path, text, "value") ? text : null;
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

        /** Whether a key or string value is usable: not too long, no NUL (no path, argument or variable holds one). */
        private boolean checkText(String path, String text, String what) {
            if (text.length() > MAX_SCALAR) {
                problem(path, "a " + what + " of " + text.length() + " characters is longer than the limit of "
                        + MAX_SCALAR + " characters; is this the right file?");
                return false;
            }
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                problem(path, "the " + what + " contains a NUL character (\\0) at character " + (nul + 1)
                        + "; no path, argument or secret can hold one: remove it");
                return false;
            }
            return true;
        }

        /** Skips the current value (and, for a mapping or list, all it holds). */
        private void skip() throws IOException {
            p.skipChildren();
        }
    }
}
