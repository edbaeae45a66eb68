package org.rdump.integrity.scan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.rdump.integrity.node.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dumps a tree as one {@link DirectoryReader} reads it, every field of every entry, then the scanner's
 * node stream with that reader: {@code DirectoryDumpMain READER DIR} where READER is {@code best}
 * (what {@link DirectoryReaders#best} picks), {@code portable} or {@code nio}. The first line names the
 * reader used. Run in a child JVM by {@code NativeDirectoryReaderIT}.
 */
public final class DirectoryDumpMain {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.integrity.scan.dump");

    private DirectoryDumpMain() {
    }

    /** @param args READER DIR */
    public static void main(String[] args) throws IOException {
        DirectoryReader r = reader(args[0]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        dump(r, Path.of(args[1]), out);
        out.flush();
    }

    static DirectoryReader reader(String name) {
        return switch (name) {
            case "best" -> DirectoryReaders.best(true);
            case "portable" -> new PortableDirectoryReader(true);
            case "nio" -> new PortableDirectoryReader(false);
            default -> throw new IllegalArgumentException("reader: best, portable or nio, not " + name);
        };
    }

    static void dump(DirectoryReader r, Path root, PrintStream out) throws IOException {
        out.println("reader " + r.name());
        walk(r, root, "", out);
        TreeScanner s = TreeScanner.of(root).reader(r);
        for (Node n = s.next(); n != null; n = s.next()) {
            out.println(n.line());
        }
        out.println(s.stats());
        s.close();
    }

    private static void walk(DirectoryReader r, Path dir, String rel, PrintStream out) {
        List<Entry> dirs = new ArrayList<>();
        List<Entry> others = new ArrayList<>();
        long vanished;
        try {
            vanished = r.read(dir, n -> false, dirs, others, LOG);
        } catch (IOException e) {
            out.println("unreadable " + rel + " " + e.getClass().getSimpleName());
            return;
        }
        Comparator<Entry> raw = (a, b) -> Arrays.compareUnsigned(a.name, b.name);
        dirs.sort(raw);
        others.sort(raw);
        out.println("dir " + rel + " vanished " + vanished);
        HexFormat hex = HexFormat.of();
        List<Entry> all = new ArrayList<>(others);
        all.addAll(dirs);
        for (Entry e : all) {
            out.println(rel + "/" + hex.formatHex(e.name) + " mode " + Integer.toOctalString(e.mode) + " ino " + e.ino
                    + " dev " + e.dev + " rdev " + e.rdev + " uid " + e.uid + " gid " + e.gid + " ctime " + e.ctime
                    + " mtime " + e.mtime + " size " + (e.isDirectory() ? "-" : Long.toString(e.size))
                    + " target " + (e.target == null ? "-" : hex.formatHex(e.target))
                    + " path-ends-with-name " + Arrays.equals(RawNames.fileName(e.path), e.name));
        }
        for (Entry d : dirs) {
            walk(r, d.path, rel + "/" + hex.formatHex(d.name), out);
        }
    }
}
