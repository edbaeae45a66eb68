package org.rdump.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.TreeFixture;

/**
 * A tree holding every kind of entry a backup must keep, for the end-to-end tests of each tool:
 * the testkit's sample (files, hard links, symlinks, modes), names with a tab, a newline, quotes,
 * a backslash, a dollar and a leading dash, a hard link between odd names, a FIFO and a character
 * device; and what {@code stat} says of each entry, to compare a restore with its source.
 */
final class OddTree {
    private static final LocalCommandRunner RUN = new LocalCommandRunner();

    private OddTree() {
    }

    /** Makes the tree at {@code root} (which may exist and be empty) and returns {@code root}. */
    static Path make(Path root) {
        TreeFixture.sample(root)
                .file("tab\there", "tab\n")
                .file("line\nbreak", "newline in a name\n")
                .file("back\\slash 'quoted' \"double\" $dollar", "quotes\n")
                .file("-starts-with-dash", "dash\n")
                .hardLink("with space/second name", "with space/ünïcödé name.txt");
        RUN.run(Command.of("mkfifo", root.resolve("fifo").toString()));
        RUN.run(Command.of("mknod", root.resolve("null-device").toString(), "c", "1", "3"));
        return root;
    }

    /**
     * Type, device numbers and (but for directories) link count of every entry, as {@code stat}
     * says, leaving out rdump's own files ({@code 2sure.*}, {@code .rdump-snapshots}).
     */
    static Map<String, String> stat(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                String rel = root.relativize(p).toString();
                if (rel.startsWith(".rdump-snapshots") || rel.startsWith("2sure.")) {
                    continue;
                }
                String st = RUN.run(Command.of("stat", "-c", "%F %t:%T %h", p.toString())).stdout().strip();
                // a directory's link count is the file system's business (btrfs says 1)
                out.put(rel, st.startsWith("directory ") ? "directory" : st);
            }
        }
        return out;
    }
}
