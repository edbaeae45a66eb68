package org.rdump.cli;

import java.util.Map;
import java.util.stream.Collectors;
import org.rdump.integrity.node.Node;

/** rsure's {@code show} format: each node as Rust's {@code {:?}} prints it. */
final class RustDebug {
    private RustDebug() {
    }

    static String node(Node n) {
        if (n instanceof Node.Enter e) {
            return "Enter { name: " + str(e.name().escaped()) + ", atts: " + atts(e.atts().asMap()) + " }";
        }
        if (n instanceof Node.File f) {
            return "File { name: " + str(f.name().escaped()) + ", atts: " + atts(f.atts().asMap()) + " }";
        }
        if (n instanceof Node.Sep) {
            return "Sep";
        }
        if (n instanceof Node.Leave) {
            return "Leave";
        }
        throw new AssertionError(n);
    }

    private static String atts(Map<String, String> atts) {
        return atts.entrySet().stream().map(e -> str(e.getKey()) + ": " + str(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Rust's Debug of a str: double quotes, with {@code "} and {@code \} escaped. */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
