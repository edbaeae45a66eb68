package org.rdump.integrity.node;

import java.util.TreeMap;

/** Parses one asure-2.0 line into a {@link Node}; hand-written, no regular expressions. */
final class NodeLineParser {
    private NodeLineParser() {}

    /**
     * @throws IllegalArgumentException with the problem as message when the line is malformed
     */
    static Node parse(String l) {
        int len = l.length();
        if (len == 0) {
            throw new IllegalArgumentException("unknown line type: empty line");
        }
        char c = l.charAt(0);
        switch (c) {
            case '-':
                if (len != 1) {
                    throw new IllegalArgumentException("unexpected text after '-': \"" + l + "\"");
                }
                return Node.SEP;
            case 'u':
                if (len != 1) {
                    throw new IllegalArgumentException("unexpected text after 'u': \"" + l + "\"");
                }
                return Node.LEAVE;
            case 'd':
            case 'f':
                return parseEntry(c, l);
            default:
                throw new IllegalArgumentException("unknown line type " + show(c) + ": \"" + l + "\"");
        }
    }

    private static Node parseEntry(char type, String l) {
        int len = l.length();
        int sp = l.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("missing attributes after the name: \"" + l + "\"");
        }
        if (sp == 1) {
            throw new IllegalArgumentException("empty name: \"" + l + "\"");
        }
        String escaped = l.substring(1, sp);
        NodeName name;
        try {
            name = NodeName.fromEscaped(escaped);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad escape in name \"" + escaped + "\": " + e.getMessage(), e);
        }
        if (sp + 1 >= len || l.charAt(sp + 1) != '[') {
            throw new IllegalArgumentException("missing '[' after the name: \"" + l + "\"");
        }
        TreeMap<String, String> atts = new TreeMap<>();
        int i = sp + 2;
        while (true) {
            if (i >= len) {
                throw new IllegalArgumentException("missing ']' at the end: \"" + l + "\"");
            }
            if (l.charAt(i) == ']') {
                if (i != len - 1) {
                    throw new IllegalArgumentException("text after ']': \"" + l + "\"");
                }
                break;
            }
            int ks = l.indexOf(' ', i);
            if (ks < 0) {
                throw new IllegalArgumentException("attribute without value: \"" + l + "\"");
            }
            int vs = l.indexOf(' ', ks + 1);
            if (vs < 0) {
                throw new IllegalArgumentException("attribute value without trailing space: \"" + l + "\"");
            }
            if (ks == i) {
                throw new IllegalArgumentException("empty attribute name: \"" + l + "\"");
            }
            atts.put(l.substring(i, ks), l.substring(ks + 1, vs));
            i = vs + 1;
        }
        Attributes a = Attributes.trusted(atts);
        return type == 'd' ? new Node.Enter(name, a) : new Node.File(name, a);
    }

    /** A char for a message: printable ASCII quoted, anything else as a code. */
    static String show(char c) {
        if (c >= ' ' && c <= '~') {
            return "'" + c + "'";
        }
        return String.format("0x%02x", (int) c);
    }
}
