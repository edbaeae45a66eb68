package org.rdump.integrity.node;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A mutable random directory tree for tests, rendered as a canonical node stream. */
public final class TestTree {
    private static final byte[] ALPHABET = "abcxyz019-_.= []!~\t\n\\\"".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final TreeMap<NodeName, TestTree> dirs = new TreeMap<>(NodeName.RAW_ORDER);
    private final TreeMap<NodeName, Attributes> files = new TreeMap<>(NodeName.RAW_ORDER);
    private Attributes atts;

    private TestTree(Attributes atts) {
        this.atts = atts;
    }

    /** A random tree: up to {@code depth} levels, up to {@code width} entries per directory. */
    public static TestTree random(Random r, int depth, int width) {
        TestTree t = new TestTree(dirAtts(r));
        t.fill(r, depth, width);
        return t;
    }

    private void fill(Random r, int depth, int width) {
        int nd = depth > 0 ? r.nextInt(Math.max(1, width / 2) + 1) : 0;
        for (int i = 0; i < nd; i++) {
            TestTree sub = new TestTree(dirAtts(r));
            sub.fill(r, depth - 1, width);
            dirs.put(randomName(r), sub);
        }
        int nf = r.nextInt(width + 1);
        for (int i = 0; i < nf; i++) {
            files.put(randomName(r), fileAtts(r));
        }
    }

    public static NodeName randomName(Random r) {
        int len = 1 + r.nextInt(8);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int pick = r.nextInt(10);
            b[i] = pick < 7 ? ALPHABET[r.nextInt(ALPHABET.length)] : (byte) r.nextInt(256);
            if (b[i] == '/' || b[i] == 0) {
                b[i] = (byte) 0xff; // a file name holds neither; readers refuse them
            }
        }
        if (len <= 2 && b[0] == '.' && b[len - 1] == '.') {
            b[0] = '_'; // nor is "." or ".." a file name
        }
        return NodeName.of(b);
    }

    static Attributes dirAtts(Random r) {
        return Attributes.of(Map.of("kind", "dir", "uid", "0", "gid", "0", "perm", String.valueOf(r.nextInt(512))));
    }

    static Attributes fileAtts(Random r) {
        if (r.nextInt(6) == 0) {
            return Attributes.of(Map.of("kind", "lnk", "uid", "0", "gid", "0", "perm", "511",
                    "targ", NameCodec.escape(randomName(r).bytes())));
        }
        StringBuilder sha = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sha.append(Character.forDigit(r.nextInt(16), 16));
        }
        return Attributes.of(Map.of("kind", "file", "uid", "1000", "gid", "100", "perm", "420",
                "size", String.valueOf(r.nextInt(100000)), "mtime", String.valueOf(1700000000 + r.nextInt(1000)),
                "ctime", String.valueOf(1700000000 + r.nextInt(1000)), "ino", String.valueOf(r.nextInt(1 << 20)),
                "sha1", sha.toString()));
    }

    /** Changes the tree in place: adds, removes and changes files and directories. */
    public void mutate(Random r, int depth) {
        int changes = r.nextInt(4);
        for (int c = 0; c < changes; c++) {
            switch (r.nextInt(6)) {
                case 0 -> files.put(randomName(r), fileAtts(r));
                case 1 -> {
                    if (!files.isEmpty()) {
                        files.remove(pick(r, files));
                    }
                }
                case 2 -> {
                    if (!files.isEmpty()) {
                        files.put(pick(r, files), fileAtts(r));
                    }
                }
                case 3 -> {
                    if (depth > 0) {
                        TestTree sub = new TestTree(dirAtts(r));
                        sub.fill(r, Math.min(depth - 1, 1), 3);
                        dirs.put(randomName(r), sub);
                    }
                }
                case 4 -> {
                    if (!dirs.isEmpty()) {
                        dirs.remove(pick(r, dirs));
                    }
                }
                default -> atts = dirAtts(r);
            }
        }
        for (TestTree sub : dirs.values()) {
            if (r.nextInt(3) == 0) {
                sub.mutate(r, depth - 1);
            }
        }
    }

    private static <V> NodeName pick(Random r, TreeMap<NodeName, V> m) {
        List<NodeName> keys = new ArrayList<>(m.keySet());
        return keys.get(r.nextInt(keys.size()));
    }

    /** The canonical node stream, root named {@code __root__}. */
    public List<Node> nodes() {
        return nodes(NodeName.RAW_ORDER);
    }

    /** The node stream with the entries of each directory in the given order. */
    public List<Node> nodes(java.util.Comparator<NodeName> order) {
        List<Node> out = new ArrayList<>();
        emit(NodeName.fromEscaped("__root__"), out, order);
        return out;
    }

    private void emit(NodeName name, List<Node> out, java.util.Comparator<NodeName> order) {
        out.add(new Node.Enter(name, atts));
        TreeMap<NodeName, TestTree> d = new TreeMap<>(order);
        d.putAll(dirs);
        for (Map.Entry<NodeName, TestTree> e : d.entrySet()) {
            e.getValue().emit(e.getKey(), out, order);
        }
        out.add(Node.SEP);
        TreeMap<NodeName, Attributes> f = new TreeMap<>(order);
        f.putAll(files);
        for (Map.Entry<NodeName, Attributes> e : f.entrySet()) {
            out.add(new Node.File(e.getKey(), e.getValue()));
        }
        out.add(Node.LEAVE);
    }

    /** The lines of the whole stream, header included. */
    public static List<String> lines(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        out.add("asure-2.0");
        out.add("-----");
        for (Node n : nodes) {
            out.add(n.line());
        }
        return out;
    }

    /** Writes the nodes with a {@link NodeWriter}. */
    public static void write(List<Node> nodes, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); NodeWriter w = new NodeWriter(os)) {
            for (Node n : nodes) {
                w.write(n);
            }
        }
    }

    /** Reads every node of a source. */
    public static List<Node> readAll(NodeSource src) throws IOException {
        List<Node> out = new ArrayList<>();
        try (src) {
            for (Node n = src.next(); n != null; n = src.next()) {
                out.add(n);
            }
        }
        return out;
    }
}
