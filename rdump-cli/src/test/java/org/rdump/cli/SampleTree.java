package org.rdump.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.rdump.testkit.TreeFixture;

/**
 * The tree the end-to-end tests back up (a smaller quickstart sample), and the five kinds of
 * damage a test restore must find in a copy of it, with the exact lines rdump prints for them.
 */
final class SampleTree {
    private SampleTree() {
    }

    /** Makes the sample tree at {@code root}: text, an executable, an empty file, notes, binary data, a symlink. */
    static Path make(Path root) {
        TreeFixture t = TreeFixture.at(root)
                .file("etc/host.conf", "hostname=e2e\n")
                .file("etc/hello.sh", "#!/bin/sh\necho hello\n").mode("etc/hello.sh", "rwxr-xr-x")
                .file("etc/empty", "")
                .randomFile("var/lib/app/data.bin", 64 * 1024, 42)
                .file("with space/key=value.txt", "x=y\n")
                .symlink("home/alice/host.conf", "../etc/host.conf");
        for (int i = 1; i <= 20; i++) {
            t.file("home/alice/notes/note-" + i + ".txt", "note " + i + ": a backup is worth its last restore\n");
        }
        return root;
    }

    /**
     * Damages a copy of the sample tree at {@code root} in five ways: one byte of
     * {@code etc/host.conf} changed (same size, same mtime), {@code home/alice/notes/note-7.txt}
     * deleted, {@code etc/extra.txt} added, {@code etc/hello.sh} made 0700, and the symlink
     * {@code home/alice/host.conf} pointed at {@code ../etc/empty}.
     */
    static void tamper(Path root) throws IOException {
        Path conf = root.resolve("etc/host.conf");
        FileTime mtime = Files.getLastModifiedTime(conf);
        Files.writeString(conf, "hostname=e2f\n");
        Files.setLastModifiedTime(conf, mtime);
        Files.delete(root.resolve("home/alice/notes/note-7.txt"));
        Files.writeString(root.resolve("etc/extra.txt"), "not in the backup\n");
        Files.setPosixFilePermissions(root.resolve("etc/hello.sh"), PosixFilePermissions.fromString("rwx------"));
        Path link = root.resolve("home/alice/host.conf");
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("../etc/empty"));
    }

    /**
     * What a check of a tree damaged by {@link #tamper} prints, in rsure's format and walk order
     * (a directory's sub-directories before its files), for the tree printed as {@code root}.
     */
    static List<String> tamperedLines(String root) {
        return List.of(
                "+ file                   \"" + root + "/etc/extra.txt\"",
                "  [perm                ] \"" + root + "/etc/hello.sh\"",
                "  [sha1                ] \"" + root + "/etc/host.conf\"",
                "- file                   \"" + root + "/home/alice/notes/note-7.txt\"",
                "  [targ                ] \"" + root + "/home/alice/host.conf\"");
    }

    /** The lines of {@code output} that are rsure difference lines. */
    static List<String> differenceLines(String output) {
        return output.lines().filter(l -> l.startsWith("+ ") || l.startsWith("- ") || l.startsWith("  [")).toList();
    }
}
