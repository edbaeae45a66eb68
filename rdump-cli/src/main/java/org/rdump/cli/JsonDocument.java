package org.rdump.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON document a command prints on standard output with {@code --json} (docs/json.md):
 * {@code schema} ({@value #SCHEMA}), {@code command}, {@code exitCode}, then the command's own
 * fields, and {@code error} when it failed. Not thread-safe; printed once.
 */
final class JsonDocument {
    /**
     * The schema's name and version. Fields are only ever added within a version; a field
     * removed, renamed or given another meaning makes it {@code rdump/2}.
     */
    static final String SCHEMA = "rdump/1";

    private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

    private JsonDocument(String command) {
        fields.put("schema", SCHEMA);
        fields.put("command", command);
        fields.put("exitCode", 0);
    }

    /** A document for {@code command}: the sub-command's words, e.g. {@code backup}, {@code sure check}. */
    static JsonDocument of(String command) {
        return new JsonDocument(command);
    }

    JsonDocument put(String key, @Nullable Object value) {
        fields.put(key, value);
        return this;
    }

    /** Prints the document with {@code exitCode} and returns the exit code. */
    int print(PrintStream out, int exitCode) {
        fields.put("exitCode", exitCode);
        if (fields.get("error") == null) {
            fields.remove("error"); // present exactly when the command failed
        }
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON document: " + e.getMessage(), e);
        }
        out.flush();
        return exitCode;
    }
}
