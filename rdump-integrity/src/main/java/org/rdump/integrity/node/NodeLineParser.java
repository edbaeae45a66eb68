package org.rdump.integrity.node;

import org.rdump.integrity.internal.Messages;

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
            throw new IllegalArgumentException("bad escape in name \"" + escaped + "\": " + Messages.describe(e), e);
        }
        String unsafe = name.unsafeReason();
        if (unsafe != null) {
            throw new IllegalArgumentException("unsafe name \"" + escaped + "\": " + unsafe
                    + "; a restore could write outside the tree, so the manifest is refused");
        }
        if (sp + 1 >= len || l.charAt(sp + 1) != '[') {
            throw new IllegalArgumentException("missing '[' after the name: \"" + l + "\"");
        }
        String[] keys = new String[12];
        String[] values = new String[12];
        int count = 0;
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
            if (count == keys.length) {
                keys = java.util.Arrays.copyOf(keys, count * 2);
                values = java.util.Arrays.copyOf(values, count * 2);
            }
            keys[count] = key(l, i, ks);
            values[count] = l.substring(ks + 1, vs);
            String expected = AttributeRules.problem(keys[count], values[count]);
            if (expected != null) {
                throw new IllegalArgumentException("bad " + keys[count] + " \"" + values[count] + "\" of \"" + escaped
                        + "\": " + expected);
            }
            count++;
            i = vs + 1;
        }
        Attributes a = Attributes.trusted(keys, values, count);
        return type == 'd' ? new Node.Enter(name, a) : new Node.File(name, a);
    }

    private static final String[] KNOWN = {
        "ctime", "devmaj", "devmin", "gid", "ino", "kind", "mtime", "perm", "sha1", "size", "targ", "uid"
    };

    /** The attribute name in l[from, to), shared for the known names (no allocation). */
    private static String key(String l, int from, int to) {
        int len = to - from;
        for (String k : KNOWN) {
            if (k.length() == len && l.startsWith(k, from)) {
                return k;
            }
        }
        return l.substring(from, to);
    }

    /** A char for a message: printable ASCII quoted, anything else as a code. */
    static String show(char c) {
        if (c >= ' ' && c <= '~') {
            return "'" + c + "'";
        }
        return String.format("0x%02x", (int) c);
    }
}
