package org.rdump.integrity.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.LineListener;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/**
 * The JDK 22+ {@code FfmDirectoryReader} (the multi-release part, {@code META-INF/versions/22}) reads a
 * tree exactly as the JDK 17 portable reader does: every stat field, raw non-UTF-8 names, symlink
 * targets (one of 4,000 bytes), FIFOs, sockets, devices, hard links, an empty directory, and, run as
 * {@code nobody}, an unreadable directory and an entry that cannot be stat'ed. The FFM reader runs in
 * a child JVM of the JDK 22+ the build compiled it with ({@code rdump.jdk22.home}), the portable ones
 * both there and in this JVM.
 */
class NativeDirectoryReaderIT {
    @TempDir Path tmp;
    Path tree;

    static final String MAKE_TREE = String.join("\n",
            "import os, sys, socket",
            "t = sys.argv[1].encode()",
            "def p(*parts): return os.path.join(t, *parts)",
            "os.makedirs(p(b'a', b'b', b'c'))",
            "os.makedirs(p(b'empty'))",
            "os.makedirs(p(b'dir-\\xff'))",
            "os.makedirs(p(b'locked', b'inside'))",
            "for i in range(300):",
            "    open(p(b'a', b'f%03d' % i), 'wb').write(b'x' * i)",
            "open(p(b'latin1-\\xe9.txt'), 'wb').write(b'raw')",
            "open(p(b'dir-\\xff', b'\\xfe\\x80 both'), 'wb').write(b'')",
            "open(p('utf8-\\u00e9\\u4e2d.txt'.encode()), 'wb').write(b'utf8')",
            "open(p(b'sp ace\\ttab\\nnewline'), 'wb').write(b'odd')",
            "open(p(b'locked', b'inside', b'f'), 'wb').write(b'f')",
            "os.link(p(b'a', b'f001'), p(b'hardlink'))",
            "os.symlink(b'a/f001', p(b'link'))",
            "os.symlink(b'/nonexistent/\\xff', p(b'dangling-\\xff'))",
            "os.symlink(b'y' * 4000, p(b'longlink'))",
            "os.mkfifo(p(b'fifo'))",
            "os.mknod(p(b'chr'), 0o20600, os.makedev(1, 3))",
            "os.mknod(p(b'blk'), 0o60640, os.makedev(259, 70000))",
            "s = socket.socket(socket.AF_UNIX); s.bind(p(b'sock'))",
            "os.chmod(p(b'a', b'f002'), 0o4755)",
            "os.chown(p(b'a', b'f003'), 4294967294, 12345)",
            "os.utime(p(b'a', b'f004'), (0, -86401))",
            "os.chmod(p(b'locked'), 0o700)",
            "for d, ds, fs in os.walk(t):",
            "    for x in ds:",
            "        if x != b'locked': os.chmod(os.path.join(d, x), 0o755)",
            "os.chmod(t, 0o755)",
            "");

    @BeforeEach
    void makeTree() throws Exception {
        RequiredTools.need("python3", "python3");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        tree = tmp.resolve("tree");
        Path script = tmp.resolve("make-tree.py");
        Files.writeString(script, MAKE_TREE);
        CommandResult r = run(Command.of("python3", script.toString(), tree.toString()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    private static CommandResult run(Command c) throws Exception {
        return new LocalCommandRunner().run(c, LineListener.NONE, LineListener.NONE);
    }

    /** The java launcher of the JDK 22+ that compiled the FFM reader. */
    private static Path jdk22Java() {
        Path jvm = Path.of(System.getProperty("rdump.jdk22.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        RequiredTools.needCondition("jdk22", Files.isExecutable(jvm),
                jvm + " is missing: install Temurin 25 (see .ci/run) or set -Drdump.jdk22.home to a JDK 22+");
        Path v22 = Path.of("target", "classes", "META-INF", "versions", "22");
        RequiredTools.needCondition("jdk22", Files.isDirectory(v22),
                v22 + " is missing: the jdk22-ffm profile did not compile src/main/java22");
        return jvm;
    }

    /**
     * The class path for the child: META-INF/versions/22 first (as a multi-release jar would), then this
     * JVM's; copied under {@code tmp} when the child runs as another user (~/.m2 is root's).
     */
    private String classPath(boolean copy) throws Exception {
        List<String> cp = new ArrayList<>();
        cp.add(Path.of("target", "classes", "META-INF", "versions", "22").toAbsolutePath().toString());
        cp.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        if (!copy) {
            return String.join(java.io.File.pathSeparator, cp);
        }
        Path dir = Files.createDirectories(tmp.resolve("cp"));
        List<String> copied = new ArrayList<>();
        for (int i = 0; i < cp.size(); i++) {
            Path to = dir.resolve(i + "-" + Path.of(cp.get(i)).getFileName());
            CommandResult r = run(Command.of("cp", "-r", cp.get(i), to.toString()));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            copied.add(to.toString());
        }
        assertThat(run(Command.of("chmod", "-R", "a+rX", dir.toString())).exitCode()).isZero();
        return String.join(java.io.File.pathSeparator, copied);
    }

    private String cp;
    private String cpCopied;

    /** The dump by {@code reader} in a child JVM of the JDK 22+, optionally as another user. */
    private String child(Path jvm, String reader, Path dir, String... asUser) throws Exception {
        String cp;
        if (asUser.length == 0) {
            cp = this.cp == null ? (this.cp = classPath(false)) : this.cp;
        } else {
            cp = cpCopied == null ? (cpCopied = classPath(true)) : cpCopied;
        }
        List<String> argv = new ArrayList<>(List.of(asUser));
        argv.addAll(List.of(jvm.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", cp));
        if (reader.equals("best")) {
            argv.add("-Drdump.scan.ffm=true"); // the FFM reader is opt-in (DirectoryReaders)
        }
        argv.addAll(List.of(DirectoryDumpMain.class.getName(), reader.equals("default") ? "best" : reader,
                dir.toString()));
        CommandResult r = run(Command.of(argv));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).as("no native-access warning").doesNotContain("restricted method");
        return r.stdout();
    }

    private static String here(String reader, Path dir) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, false, StandardCharsets.UTF_8);
        DirectoryDumpMain.dump(DirectoryDumpMain.reader(reader), dir, out);
        out.flush();
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String body(String dump) {
        return dump.substring(dump.indexOf('\n') + 1);
    }

    @Test
    void theFfmReaderReadsEveryFieldAsThePortableOnes() throws Exception {
        Path jvm = jdk22Java();
        String ffm = child(jvm, "best", tree);
        assertThat(ffm).as("JDK 22+ with -Drdump.scan.ffm=true picks the FFM reader from META-INF/versions/22")
                .startsWith("reader ffm\n");
        assertThat(child(jvm, "default", tree)).as("without -Drdump.scan.ffm=true, JDK 22+ reads as JDK 17 does")
                .startsWith("reader portable\n");
        String portable17 = here("portable", tree);
        assertThat(portable17).startsWith("reader portable\n");
        assertThat(body(ffm)).isEqualTo(body(portable17));
        assertThat(body(ffm)).isEqualTo(body(here("nio", tree)));
        assertThat(body(ffm)).isEqualTo(body(child(jvm, "portable", tree)));
        // the tree has what it should: raw names, devices, the long link, the hard link, the 4755 file
        assertThat(ffm).contains("/6c6174696e312de92e747874 mode 100644 ", "/6469722dff/fe802062", "mode 20600 ",
                "mode 60640 ", "mode 10644 ", "mode 140755 ", "mode 104755 ", "uid -2 gid 12345 ", "mtime -86401 ",
                " target " + "79".repeat(4000) + " ", "fblk [devmaj 259 devmin 112 ");
        assertThat(ffm).doesNotContain("path-ends-with-name false", "\nunreadable ");
        assertThat(ffm.lines().filter(l -> l.startsWith("/68617264") || l.startsWith("/61/66303031 ")).map(
                l -> l.replaceAll(".* ino (\\d+) .*", "$1")).distinct().count()).as("hard link, same inode").isEqualTo(1);
    }

    @Test
    void anUnreadableDirectoryAndAnUnstatableEntryAreHandledAsByThePortableReader() throws Exception {
        Path jvm = jdk22Java();
        RequiredTools.need("setpriv", "setpriv");
        String[] nobody = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
        String ffm = child(jvm, "best", tree, nobody);
        assertThat(ffm).startsWith("reader ffm\n");
        assertThat(ffm).contains("unreadable /6c6f636b6564 ");
        assertThat(body(ffm)).isEqualTo(body(child(jvm, "portable", tree, nobody)));
        assertThat(body(ffm)).isEqualTo(body(child(jvm, "nio", tree, nobody)));
        // an entry that cannot be stat'ed: a directory that may be listed (r) but not searched (x)
        Path listOnly = tree.resolve("empty");
        Files.writeString(listOnly.resolve("x"), "x");
        Files.setPosixFilePermissions(listOnly, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr--r--"));
        String ffm2 = child(jvm, "best", tree, nobody);
        assertThat(ffm2).contains("dir /656d707479 vanished 1");
        assertThat(body(ffm2)).isEqualTo(body(child(jvm, "portable", tree, nobody)));
    }
}
