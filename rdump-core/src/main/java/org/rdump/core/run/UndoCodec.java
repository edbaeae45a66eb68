package org.rdump.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;

/**
 * {@link Undo} records as one-line JSON objects, the journal's line format. Pure; thread-safe.
 *
 * <pre>{@code
 * {"op":"open","kind":"zfs-clone","identity":"tank/snaps/home","volume":"home","actions":[
 *    {"run":["zfs","destroy","tank/snaps/home"],"onlyIf":["zfs","list","-H","-o","name","tank/snaps/home"],"attempts":5}]}
 * {"op":"done","kind":"zfs-clone","identity":"tank/snaps/home"}
 * }</pre>
 */
final class UndoCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private UndoCodec() {
    }

    static String open(Undo u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("op", "open");
        o.put("kind", u.kind());
        o.put("identity", u.identity());
        o.put("volume", u.volume());
        ArrayNode actions = o.putArray("actions");
        for (UndoAction a : u.actions()) {
            actions.add(action(a));
        }
        return o.toString();
    }

    static String done(Undo u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("op", "done");
        o.put("kind", u.kind());
        o.put("identity", u.identity());
        return o.toString();
    }

    private static ObjectNode action(UndoAction a) {
        ObjectNode o = JSON.createObjectNode();
        if (a instanceof UndoAction.Run r) {
            r.argv().forEach(o.putArray("run")::add);
            r.onlyIf().forEach(o.putArray("onlyIf")::add);
            if (!r.expect().isEmpty()) {
                o.put("expect", r.expect());
            }
            o.put("attempts", r.attempts());
        } else if (a instanceof UndoAction.Delete d) {
            o.put("delete", d.path().toString());
        } else if (a instanceof UndoAction.DeleteMatching m) {
            o.put("deleteIn", m.directory().toString());
            o.put("matching", m.nameRegex());
        } else if (a instanceof UndoAction.Stop s) {
            o.put("stop", s.pid());
            o.put("started", s.started().toString());
            o.put("signal", s.signal());
            o.put("graceMillis", s.grace().toMillis());
            o.put("program", s.program());
        } else {
            throw new AssertionError(a);
        }
        return o;
    }

    /** One journal line, parsed: an open record, or the key of a done one. */
    record Line(String op, String kind, String identity, Undo undo) {
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    static Line parse(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String op = text(o, "op");
        String kind = text(o, "kind");
        String identity = text(o, "identity");
        if (op.equals("done")) {
            return new Line(op, kind, identity, null);
        }
        if (!op.equals("open")) {
            throw new IllegalArgumentException("unknown op '" + op + "'");
        }
        List<UndoAction> actions = new ArrayList<>();
        for (JsonNode a : o.path("actions")) {
            actions.add(action(a));
        }
        return new Line(op, kind, identity, new Undo(kind, identity, text(o, "volume"), actions));
    }

    private static UndoAction action(JsonNode a) {
        if (a.has("run")) {
            return new UndoAction.Run(strings(a.get("run")), strings(a.path("onlyIf")), a.path("expect").asText(""),
                    Math.max(1, a.path("attempts").asInt(1)));
        }
        if (a.has("delete")) {
            return new UndoAction.Delete(Path.of(a.get("delete").asText()));
        }
        if (a.has("deleteIn")) {
            return new UndoAction.DeleteMatching(Path.of(a.get("deleteIn").asText()), text(a, "matching"));
        }
        if (a.has("stop")) {
            return new UndoAction.Stop(a.get("stop").asLong(), Instant.parse(text(a, "started")), text(a, "signal"),
                    Duration.ofMillis(a.path("graceMillis").asLong(10_000)), text(a, "program"));
        }
        throw new IllegalArgumentException("unknown action " + a);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("no text field '" + field + "'");
        }
        return n.asText();
    }
}
