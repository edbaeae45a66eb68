package org.rdump.integrity.compare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityReport.Change;
import org.rdump.api.IntegrityReport.Difference;
import org.rdump.integrity.node.Attributes;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares two node streams, an old tree (a stored version) and a new one (a fresh scan, or the
 * latest version for a signoff), as rsure's {@code check} and {@code signoff} do (RSURE-FORMAT.md
 * §5), and renders each difference exactly as rsure prints it:
 * <pre>
 * + {kind:22} "{path}"                   added (kind of the new node)
 * - {kind:22} "{path}"                   removed (kind of the old node)
 *   [{a,b,c:&lt;20}] "{path}"             attributes whose values differ, sorted
 * </pre>
 * in tree-walk order. An added or removed directory is one difference (its contents are not
 * listed). {@code ctime} and {@code ino} are always ignored. An attribute present on one side
 * only is not a difference: as rsure, it is logged once per run ("Added attribute: k" /
 * "Missing attribute: k") at level ERROR on {@code rdump.integrity.compare}.
 *
 * <p>Entries are paired by raw name ({@link TreeMerge}), so rsure's spurious pairs for names
 * whose raw and escaped orders differ (quirk Q1) do not appear. Not thread-safe; one instance
 * per comparison.
 *
 * @since 0.1
 */
public final class Checker {
    /** The attributes every comparison ignores (a restore changes them). */
    public static final Set<String> ALWAYS_IGNORED = Set.of("ctime", "ino");

    private final Set<String> ignore;
    private final String base;
    private final Logger log;
    private final Set<String> addedLogged = new HashSet<>();
    private final Set<String> missingLogged = new HashSet<>();
    private final List<Difference> differences = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    /**
     * @param base the directory as it is to appear in the paths (rsure's {@code -d} value)
     * @param ignore further attribute names to ignore
     */
    public Checker(String base, Set<String> ignore, Logger log) {
        this.base = Objects.requireNonNull(base, "base");
        Set<String> all = new HashSet<>(ignore);
        all.addAll(ALWAYS_IGNORED);
        this.ignore = Set.copyOf(all);
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A checker logging to {@code rdump.integrity.compare}. */
    public Checker(String base, Set<String> ignore) {
        this(base, ignore, LoggerFactory.getLogger("rdump.integrity.compare"));
    }

    /** Compares the two streams to their ends (and closes them). */
    public IntegrityReport compare(NodeSource oldTree, NodeSource newTree) throws IOException {
        try (TreeMerge merge = new TreeMerge(oldTree, newTree)) {
            for (TreeMerge.Step s = merge.next(); s != null; s = merge.next()) {
                Node a = s.left();
                Node b = s.right();
                if (a != null && b != null) {
                    Attributes oa = attributes(a);
                    Attributes nb = attributes(b);
                    if (oa != null && nb != null) {
                        List<String> changed = changedKeys(oa, nb);
                        if (!changed.isEmpty()) {
                            add(Change.CHANGED, merge.path(base, s), nb.kind(), changed);
                        }
                    }
                } else if (s.top()) {
                    Node n = a != null ? a : b;
                    Attributes at = Objects.requireNonNull(attributes(Objects.requireNonNull(n)));
                    add(a != null ? Change.REMOVED : Change.ADDED, merge.path(base, s), at.kind(), List.of());
                }
            }
        }
        return report();
    }

    /** The differences found so far. */
    public IntegrityReport report() {
        return new IntegrityReport(differences, lines);
    }

    private static @org.jspecify.annotations.Nullable Attributes attributes(Node n) {
        if (n instanceof Node.Enter e) {
            return e.atts();
        }
        if (n instanceof Node.File f) {
            return f.atts();
        }
        return null;
    }

    /** rsure's rule: keys of the new side that differ; one-sided keys are logged, not reported. */
    private List<String> changedKeys(Attributes oldAtts, Attributes newAtts) {
        Map<String, String> o = oldAtts.asMap();
        TreeSet<String> changed = new TreeSet<>();
        for (Map.Entry<String, String> e : newAtts.asMap().entrySet()) {
            String k = e.getKey();
            if (ignore.contains(k)) {
                continue;
            }
            String ov = o.get(k);
            if (ov == null) {
                if (addedLogged.add(k)) {
                    log.error("Added attribute: " + k);
                }
            } else if (!ov.equals(e.getValue())) {
                changed.add(k);
            }
        }
        Map<String, String> n = newAtts.asMap();
        for (String k : o.keySet()) {
            if (!ignore.contains(k) && !n.containsKey(k) && missingLogged.add(k)) {
                log.error("Missing attribute: " + k);
            }
        }
        return new ArrayList<>(changed);
    }

    private void add(Change change, String path, String kind, List<String> atts) {
        differences.add(new Difference(change, path, kind, atts));
        lines.add(render(change, path, kind, atts));
    }

    /** One difference exactly as rsure prints it. */
    public static String render(Change change, String path, String kind, List<String> atts) {
        return switch (change) {
            case ADDED -> "+ " + pad(kind, 22) + " " + debugQuote(path);
            case REMOVED -> "- " + pad(kind, 22) + " " + debugQuote(path);
            case CHANGED -> "  [" + pad(String.join(",", atts), 20) + "] " + debugQuote(path);
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Rust's {@code {:?}} of a string: double quotes, with quotes, backslashes and controls escaped. */
    public static String debugQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
