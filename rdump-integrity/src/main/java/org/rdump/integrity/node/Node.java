package org.rdump.integrity.node;

import java.util.Objects;

/**
 * One line of an asure-2.0 node stream: {@link Enter} ({@code d}), {@link Sep} ({@code -}),
 * {@link File} ({@code f}) or {@link Leave} ({@code u}). Immutable.
 *
 * @since 0.1
 */
public sealed interface Node permits Node.Enter, Node.Sep, Node.File, Node.Leave {
    /** The {@code -} line. */
    Sep SEP = new Sep();

    /** The {@code u} line. */
    Leave LEAVE = new Leave();

    /**
     * The exact asure-2.0 line without the trailing newline, e.g.
     * {@code d__root__ [gid 0 kind dir perm 493 uid 0 ]}.
     */
    String line();

    /** Enters a directory: {@code d<name> [atts]}. */
    record Enter(NodeName name, Attributes atts) implements Node {
        public Enter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(atts, "atts");
        }

        @Override
        public String line() {
            return render('d', name, atts);
        }
    }

    /** A non-directory entry: {@code f<name> [atts]}. */
    record File(NodeName name, Attributes atts) implements Node {
        public File {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(atts, "atts");
        }

        @Override
        public String line() {
            return render('f', name, atts);
        }
    }

    /** Separates a directory's sub-directories from its files: {@code -}. */
    record Sep() implements Node {
        @Override
        public String line() {
            return "-";
        }
    }

    /** Leaves the current directory: {@code u}. */
    record Leave() implements Node {
        @Override
        public String line() {
            return "u";
        }
    }

    private static String render(char type, NodeName name, Attributes atts) {
        String escaped = name.escaped();
        StringBuilder sb = new StringBuilder(escaped.length() + 16 + atts.size() * 24);
        sb.append(type).append(escaped).append(' ');
        atts.render(sb);
        return sb.toString();
    }
}
