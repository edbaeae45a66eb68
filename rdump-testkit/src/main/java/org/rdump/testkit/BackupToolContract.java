package org.rdump.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunEvent;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link BackupTool} shares, run against real programs: a backup followed by
 * a restore gives a byte-identical tree; a backup is listed after it is made, oldest first, and
 * only under its own volume; the newest backup restores the newest tree; no argument vector, log
 * line or event holds a configured secret; a missing source is an {@link RdumpException} naming
 * the path, and so is a missing destination. {@link BackupTool#restorePaths} keeps modes, times, symlinks (as links) and hard links,
 * restores exactly the requested paths (with their parents), names a path the backup lacks, and
 * never writes through a symlink of the backup that points outside the target. A tree with a
 * character and a block device (when run as root), a FIFO, a sparse file, hard links, a symlink
 * and a user xattr comes back from a full and a subset restore with each entry's type, mode,
 * device numbers and link count, compared by an independent walk ({@code stat}); what the tool
 * declares it does not keep ({@link BackupTool#keptKinds}, {@link BackupTool#keptMetadata}) must
 * be absent or is not asserted, so a tool states its limits instead of passing silently.
 *
 * <p>A tool's test extends this class and supplies {@link #newTool()} and {@link #target(Path)}
 * (which first calls {@link RequiredTools#need} for the programs it needs), and declares its
 * secret with {@link #secret()} when it has one. Subclasses add tests; they do not override
 * these. Each test gets a fresh temporary directory; no test relies on another.
 *
 * <p>A tool that backs up something other than a plain directory (a mounted block device, a
 * ZFS clone) overrides {@link #sources()} with a {@link SourceFactory} that makes each tree the
 * tests fill and freezes it into what the tool backs up from. Every {@link RestoredTree} a test
 * gets from {@link BackupTool#restore} is handed to {@link BackupTool#release} after the test,
 * before the sources are cleaned up; a release that fails fails the test.
 */
public abstract class BackupToolContract {
    /** The run stamp of the first backup of a test; later backups use later stamps. */
    protected static final String FIRST_STAMP = "20261124T101500Z";
    /** The volume name the tests back up. */
    protected static final String VOLUME = "vol";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    protected Path work;

    /**
     * How the contract makes the source trees a tool backs up: an empty tree for the test to
     * fill, frozen into the path the tool backs up from before each backup, and cleaned up after
     * the test. One factory serves one test; it is closed after the test, after failures too.
     *
     * @since 0.6
     */
    public interface SourceFactory extends AutoCloseable {
        /**
         * A new, empty, writable directory tree for the test to fill.
         *
         * @param suggested a path under the test's directory that does not exist yet, named after the tree;
         *                  a factory of plain directories returns it; never null
         * @return the tree's root, existing and empty; never null
         * @throws Exception when the tree cannot be made (fails the test)
         */
        Path newTree(Path suggested) throws Exception;

        /**
         * What the tool backs up for {@code tree} as it is now, in a run stamped {@code stamp}
         * (a snapshot's clone, the mount point of a device). Called once per backup; later
         * changes to the tree must not change what an earlier freeze returned for tools that
         * read a frozen copy. A path not made by {@link #newTree} (a missing source) is returned as is.
         *
         * @param tree a root returned by {@link #newTree}, or any other path; never null
         * @param stamp the run stamp of the backup; never null
         * @return the path the backup request names as its source; never null
         * @throws Exception when the tree cannot be frozen (fails the test)
         */
        default Path freeze(Path tree, String stamp) throws Exception {
            return tree;
        }

        /** Removes what {@link #newTree} and {@link #freeze} made; the default removes nothing. */
        @Override
        default void close() throws Exception {
        }
    }

    private SourceFactory sources;
    private final List<Runnable> releases = new ArrayList<>();

    /**
     * A new factory for one test's source trees; the default makes plain directories under the
     * test's directory and freezes a tree as itself.
     *
     * @return a factory; never null
     */
    protected SourceFactory sources() {
        return suggested -> Files.createDirectories(suggested);
    }

    private SourceFactory sourceFactory() {
        if (sources == null) {
            sources = sources();
        }
        return sources;
    }

    /**
     * A new empty source tree named {@code name}, made by {@link #sources()}.
     *
     * @param name the tree's name, a single path element
     * @return its root; never null
     */
    protected Path newTree(String name) {
        try {
            return sourceFactory().newTree(work.resolve(name));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make source tree " + name + ": " + e.getMessage(), e);
        }
    }

    private Path frozen(Path tree, String stamp) {
        try {
            return sourceFactory().freeze(tree, stamp);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot freeze source tree " + tree + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link BackupTool#restore}, with the tree released by {@link BackupTool#release} after the test.
     *
     * @param tool the tool under test
     * @param target its configured instance
     * @param archive the backup to restore
     * @param scratch the scratch directory of the restore
     * @param context the run context, also used for the release
     * @return the restored tree; never null
     */
    protected RestoredTree restore(BackupTool tool, ToolTarget target, ArchiveInfo archive, Path scratch,
                                   TestRunContext context) {
        RestoredTree tree = tool.restore(target, archive, scratch, context);
        releases.add(() -> tool.release(target, tree, context));
        return tree;
    }

    @AfterEach
    void releaseRestoredTreesAndCloseSources() throws Exception {
        Throwable failed = null;
        for (int i = releases.size() - 1; i >= 0; i--) {
            try {
                releases.get(i).run();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        releases.clear();
        if (sources != null) {
            try {
                sources.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
            sources = null;
        }
        if (failed instanceof Exception e) {
            throw e;
        } else if (failed != null) {
            throw (Error) failed;
        }
    }

    /** A new instance of the tool under test. */
    protected abstract BackupTool newTool();

    /**
     * A configured tool instance whose storage (repository, destination) lives under
     * {@code workDir}, ready for a first backup. Calls {@link RequiredTools#need} first.
     *
     * @param workDir a fresh, existing directory owned by the test
     */
    protected abstract ToolTarget target(Path workDir);

    /**
     * A configured tool instance like {@link #target(Path)}'s whose destination (repository,
     * destination directory) is {@code missing}: a path under a regular file, so that it neither
     * exists nor can be created. Calls {@link RequiredTools#need} first.
     *
     * @param missing the destination to configure
     * @since 0.5
     */
    protected abstract ToolTarget targetWithMissingDestination(Path missing);

    /** The secret configured in {@link #target(Path)} (a passphrase), if the tool has one. */
    protected Optional<String> secret() {
        return Optional.empty();
    }

    /** A real-program context for a run with the given stamp, its clock fixed at that time. */
    protected TestRunContext context(String stamp, CommandRunner runner) {
        Instant at = Instant.from(STAMP.parse(stamp));
        return new TestRunContext(runner, Clock.fixed(at, ZoneOffset.UTC), false, stamp,
                work.resolve("scratch-" + stamp));
    }

    /** The stamp {@code n} minutes after {@link #FIRST_STAMP}. */
    protected static String stamp(int n) {
        return STAMP.format(Instant.from(STAMP.parse(FIRST_STAMP)).plusSeconds(60L * n));
    }

    /** Backs up {@code source} (frozen by {@link #sources()}) as {@code volume} in a run with {@code stamp}. */
    protected BackupResult backup(BackupTool tool, ToolTarget target, String volume, Path source,
                                  String stamp, CommandRunner runner) {
        return tool.backup(new BackupRequest(target, volume, frozen(source, stamp), volume + "-" + stamp),
                context(stamp, runner));
    }

    private ToolTarget freshTarget() throws Exception {
        return target(Files.createDirectories(work.resolve("tool")));
    }

    @Test
    void backupThenRestoreGivesAByteIdenticalTree() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = TreeFixture.sample(newTree("source")).root();
        TreeSnapshot before = TreeSnapshot.of(source);

        BackupResult result = backup(tool, target, VOLUME, source, FIRST_STAMP, new LocalCommandRunner());
        TestRunContext ctx = context(stamp(1), new LocalCommandRunner());
        RestoredTree restored = restore(tool, target, result.archive(),
                Files.createDirectories(work.resolve("restore")), ctx);

        assertThat(TreeSnapshot.of(restored.root()).differencesFrom(before))
                .as("differences between the restored tree and its source").isEmpty();
        assertThat(TreeSnapshot.of(source)).as("the source is left as it was").isEqualTo(before);
    }

    @Test
    void listShowsTheBackupAfterBackup() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = TreeFixture.sample(newTree("source")).root();
        LocalCommandRunner runner = new LocalCommandRunner();
        assertThat(tool.list(target, VOLUME, context(FIRST_STAMP, runner))).isEmpty();

        BackupResult result = backup(tool, target, VOLUME, source, FIRST_STAMP, runner);

        List<ArchiveInfo> listed = tool.list(target, VOLUME, context(stamp(1), runner));
        assertThat(listed).extracting(ArchiveInfo::id).containsExactly(result.archive().id());
        assertThat(listed.get(0).volume()).isEqualTo(VOLUME);
    }

    @Test
    void volumesWithACommonPrefixAreListedApart() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path a = TreeFixture.at(newTree("a")).file("a", "a\n").root();
        Path b = TreeFixture.at(newTree("b")).file("b", "b\n").root();
        LocalCommandRunner runner = new LocalCommandRunner();

        BackupResult ra = backup(tool, target, "data", a, FIRST_STAMP, runner);
        BackupResult rb = backup(tool, target, "data-old", b, stamp(1), runner);

        assertThat(tool.list(target, "data", context(stamp(2), runner)))
                .extracting(ArchiveInfo::id).containsExactly(ra.archive().id());
        assertThat(tool.list(target, "data-old", context(stamp(2), runner)))
                .extracting(ArchiveInfo::id).containsExactly(rb.archive().id());
    }

    @Test
    void restoreOfTheNewestBackupGivesTheNewestTree() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        TreeFixture tree = TreeFixture.sample(newTree("source"));
        LocalCommandRunner runner = new LocalCommandRunner();
        backup(tool, target, VOLUME, tree.root(), FIRST_STAMP, runner);
        tree.file("hello.txt", "changed\n").file("new/file", "new\n").delete("data/small.bin");
        TreeSnapshot second = TreeSnapshot.of(tree.root());
        backup(tool, target, VOLUME, tree.root(), stamp(1), runner);

        List<ArchiveInfo> listed = tool.list(target, VOLUME, context(stamp(2), runner));
        assertThat(listed).isNotEmpty();
        assertThat(listed).extracting(ArchiveInfo::time).isSorted();
        ArchiveInfo newest = listed.get(listed.size() - 1);
        RestoredTree restored = restore(tool, target, newest,
                Files.createDirectories(work.resolve("restore")), context(stamp(2), runner));

        assertThat(TreeSnapshot.of(restored.root()).differencesFrom(second)).isEmpty();
    }

    @Test
    void noArgumentVectorLogLineOrEventHoldsTheSecret() throws Exception {
        assumeTrue(secret().isPresent(), "the tool declares no secret");
        String secret = secret().orElseThrow();
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = TreeFixture.sample(newTree("source")).root();
        CapturingCommandRunner runner = new CapturingCommandRunner(new LocalCommandRunner());
        List<RunEvent> events = new ArrayList<>();
        List<String> logLines;
        try (LogCapture log = new LogCapture()) {
            TestRunContext first = context(FIRST_STAMP, runner);
            BackupResult result = tool.backup(
                    new BackupRequest(target, VOLUME, frozen(source, FIRST_STAMP), VOLUME + "-" + FIRST_STAMP), first);
            TestRunContext later = context(stamp(1), runner);
            tool.list(target, VOLUME, later);
            restore(tool, target, result.archive(), Files.createDirectories(work.resolve("restore")), later);
            tool.prune(target, VOLUME, later);
            events.addAll(first.events());
            events.addAll(later.events());
            logLines = log.lines();
        }

        assertThat(runner.commands()).isNotEmpty();
        for (Command c : runner.commands()) {
            assertThat(c.argv()).noneMatch(a -> a.contains(secret));
            assertThat(c.toString()).doesNotContain(secret);
            assertThat(String.valueOf(c.workingDirectory())).doesNotContain(secret);
        }
        assertThat(logLines).as("log lines captured (rdump logs through SLF4J, captured by LogCapture)").isNotEmpty();
        assertThat(logLines).noneMatch(l -> l.contains(secret));
        assertThat(events).noneMatch(e -> e.toString().contains(secret));
    }

    @Test
    void backupOfAMissingSourceIsAnErrorNamingThePath() throws Exception {
        ToolTarget target = freshTarget();
        Path missing = work.resolve("no such source");

        assertThatThrownBy(() -> backup(newTool(), target, VOLUME, missing, FIRST_STAMP, new LocalCommandRunner()))
                .isInstanceOf(RdumpException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void backupToAMissingDestinationIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(work.resolve("a regular file"), "not a directory\n");
        Path missing = file.resolve("destination");
        ToolTarget target = targetWithMissingDestination(missing);
        Path source = TreeFixture.sample(newTree("source")).root();

        assertThatThrownBy(() -> backup(newTool(), target, VOLUME, source, FIRST_STAMP, new LocalCommandRunner()))
                .isInstanceOf(RdumpException.class)
                .hasMessageContaining(missing.toString());
        assertThat(file).isRegularFile().hasContent("not a directory");
    }

    @Test
    void pruneKeepsTheNewestBackupRestorable() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        TreeFixture tree = TreeFixture.sample(newTree("source"));
        LocalCommandRunner runner = new LocalCommandRunner();
        backup(tool, target, VOLUME, tree.root(), FIRST_STAMP, runner);
        tree.file("hello.txt", "second\n");
        backup(tool, target, VOLUME, tree.root(), stamp(1), runner);

        tool.prune(target, VOLUME, context(stamp(2), runner));

        List<ArchiveInfo> listed = tool.list(target, VOLUME, context(stamp(2), runner));
        assertThat(listed).isNotEmpty();
        RestoredTree restored = restore(tool, target, listed.get(listed.size() - 1),
                Files.createDirectories(work.resolve("restore")), context(stamp(2), runner));
        assertThat(Files.readString(restored.root().resolve("hello.txt"))).isEqualTo("second\n");
    }

    /** The one backup of {@code tree} made as {@link #FIRST_STAMP}, as the tool lists it. */
    private ArchiveInfo backedUp(BackupTool tool, ToolTarget target, Path tree) {
        backup(tool, target, VOLUME, tree, FIRST_STAMP, new LocalCommandRunner());
        List<ArchiveInfo> listed = tool.list(target, VOLUME, context(stamp(1), new LocalCommandRunner()));
        assertThat(listed).hasSize(1);
        return listed.get(0);
    }

    private static TreeSnapshot under(TreeSnapshot s, List<String> paths) {
        java.util.Map<String, TreeSnapshot.Entry> out = new java.util.TreeMap<>(s.entries());
        out.keySet().removeIf(k -> paths.stream().noneMatch(p -> k.equals(p) || k.startsWith(p + "/")));
        return new TreeSnapshot(out);
    }

    private static Object inode(Path p) throws java.io.IOException {
        return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Test
    void restorePathsOfTheWholeTreeKeepsModesTimesSymlinksAndHardLinks() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = TreeFixture.sample(newTree("source")).root();
        TreeSnapshot before = TreeSnapshot.of(source);
        ArchiveInfo archive = backedUp(tool, target, source);
        Path into = Files.createDirectories(work.resolve("into"));

        tool.restorePaths(target, archive, List.of(), into, context(stamp(1), new LocalCommandRunner()));

        assertThat(TreeSnapshot.of(into).differencesFrom(before)).isEmpty();
        assertThat(Files.getLastModifiedTime(into.resolve("hello.txt")).toInstant())
                .isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
        assertThat(Files.readSymbolicLink(into.resolve("data/up-link")).toString()).isEqualTo("../hello.txt");
        assertThat(inode(into.resolve("data/big-again.bin"))).as("hard links stay linked")
                .isEqualTo(inode(into.resolve("data/big.bin")));
    }

    @Test
    void restorePathsOfASubsetRestoresExactlyThosePaths() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = TreeFixture.sample(newTree("source")).root();
        TreeSnapshot before = TreeSnapshot.of(source);
        ArchiveInfo archive = backedUp(tool, target, source);
        Path into = Files.createDirectories(work.resolve("into"));
        List<String> paths = List.of("data", "private/key", "with space/\u00fcn\u00efc\u00f6d\u00e9 name.txt");

        tool.restorePaths(target, archive, paths, into, context(stamp(1), new LocalCommandRunner()));

        TreeSnapshot restored = TreeSnapshot.of(into);
        assertThat(under(restored, paths).differencesFrom(under(before, paths))).isEmpty();
        assertThat(restored.entries().keySet()).as("the paths and their parent directories, nothing else")
                .containsExactlyInAnyOrderElementsOf(new java.util.TreeSet<>(List.of("private", "with space",
                        "private/key", "with space/\u00fcn\u00efc\u00f6d\u00e9 name.txt", "data", "data/big.bin",
                        "data/big-again.bin", "data/small.bin", "data/up-link")));
        assertThat(inode(into.resolve("data/big-again.bin"))).isEqualTo(inode(into.resolve("data/big.bin")));
    }

    @Test
    void restorePathsOfAMissingPathNamesItAndTheBackup() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        ArchiveInfo archive = backedUp(tool, target, TreeFixture.sample(newTree("source")).root());
        Path into = Files.createDirectories(work.resolve("into"));

        assertThatThrownBy(() -> tool.restorePaths(target, archive, List.of("hello.txt", "no/such"), into,
                context(stamp(1), new LocalCommandRunner())))
                .isInstanceOf(RdumpException.class)
                .hasMessage("path 'no/such' is not in backup " + archive.stamp() + " of volume " + VOLUME + " in '"
                        + target.name() + "' (" + target.tool() + "); 'rdump list " + VOLUME + "' shows its backups");
        assertThat(Files.exists(into.resolve("no"))).isFalse();
    }

    @Test
    void aPathThroughASymlinkPointingOutsideIsNotInTheBackupAndNothingOutsideIsWritten() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path outside = TreeFixture.at(work.resolve("outside")).file("dir/file", "outside\n").root();
        Path source = TreeFixture.at(newTree("source")).file("a", "a\n")
                .symlink("link", outside.resolve("dir").toString()).root();
        ArchiveInfo archive = backedUp(tool, target, source);
        Files.writeString(outside.resolve("dir/file"), "must stay\n");
        TreeSnapshot outsideBefore = TreeSnapshot.of(outside);
        Path into = Files.createDirectories(work.resolve("into"));

        assertThatThrownBy(() -> tool.restorePaths(target, archive, List.of("link/file"), into,
                context(stamp(1), new LocalCommandRunner())))
                .isInstanceOf(RdumpException.class)
                .hasMessageStartingWith("path 'link/file' is not in backup " + archive.stamp());
        tool.restorePaths(target, archive, List.of(), into, context(stamp(1), new LocalCommandRunner()));

        assertThat(Files.readSymbolicLink(into.resolve("link"))).as("restored as a link, not followed")
                .isEqualTo(outside.resolve("dir"));
        assertThat(TreeSnapshot.of(outside)).isEqualTo(outsideBefore);
        assertThat(TreeSnapshot.of(into).entries().keySet()).containsExactly("a", "link");
    }

    /** The size of the sparse file of {@link #specialTree}: 32 MiB with 5 bytes of data in the middle. */
    private static final long SPARSE_SIZE = 32L << 20;

    /**
     * A tree of what plain files do not show: a character and a block device (when run as
     * root), a FIFO, a sparse file, two hard links and a symlink, and a user xattr (where the
     * file system has them). Returns whether device nodes and xattrs could be made.
     */
    private static boolean[] specialTree(Path root) throws Exception {
        TreeFixture.at(root).file("plain.txt", "plain\n").file("links/a", "linked\n").hardLink("links/b", "links/a")
                .symlink("links/to-a", "a");
        LocalCommandRunner run = new LocalCommandRunner();
        boolean root0 = "0".equals(run.run(Command.of("id", "-u")).stdout().strip());
        Files.createDirectories(root.resolve("dev"));
        if (root0) {
            run.run(Command.of("mknod", root.resolve("dev/chr").toString(), "c", "1", "3"));
            run.run(Command.of("mknod", root.resolve("dev/blk").toString(), "b", "7", "200"));
        }
        run.run(Command.of("mkfifo", root.resolve("dev/fifo").toString()));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(root.resolve("sparse.img").toFile(), "rw")) {
            f.setLength(SPARSE_SIZE);
            f.seek(SPARSE_SIZE / 2);
            f.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        boolean xattrs;
        try {
            Files.getFileAttributeView(root.resolve("plain.txt"), java.nio.file.attribute.UserDefinedFileAttributeView.class)
                    .write("rdump.test", java.nio.ByteBuffer.wrap("kept".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            xattrs = true;
        } catch (java.io.IOException | UnsupportedOperationException e) {
            xattrs = false;
        }
        return new boolean[] {root0, xattrs};
    }

    /**
     * An entry as {@code stat(2)} gives it, read by the {@code stat} program (not by the tool, nor
     * by rdump): type, permission bits, device numbers, link count, allocated 512-byte blocks, size.
     */
    private record Stat(String type, String mode, String rdev, int nlink, long blocks, long size) {
    }

    private static java.util.Map<String, Stat> stat(Path root) throws Exception {
        java.util.Map<String, Stat> out = new java.util.TreeMap<>();
        List<String> argv = new ArrayList<>(List.of("stat", "--format=%F|%a|%t:%T|%h|%b|%s|%n"));
        List<Path> all;
        try (java.util.stream.Stream<Path> w = Files.walk(root)) {
            all = w.filter(p -> !p.equals(root)).toList();
        }
        all.forEach(p -> argv.add(p.toString()));
        for (String line : new LocalCommandRunner().run(Command.of(argv)).stdout().lines().toList()) {
            String[] f = line.split("\\|", 7);
            out.put(root.relativize(Path.of(f[6])).toString(), new Stat(f[0], f[1], f[2], Integer.parseInt(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5])));
        }
        return out;
    }

    /**
     * Checks a restore of {@code paths} (all when empty) of the {@link #specialTree} against the
     * source: each entry's type, mode and device numbers; what {@link BackupTool#keptKinds}
     * leaves out is absent, not silently something else; hard links, xattrs and sparseness as
     * {@link BackupTool#keptMetadata} declares.
     */
    private void assertSpecialsKept(BackupTool tool, ToolTarget target, Path source, Path restored,
                                    List<String> paths, boolean xattrs) throws Exception {
        java.util.Map<String, Stat> want = stat(source);
        want.keySet().removeIf(k -> !paths.isEmpty() && paths.stream().noneMatch(p -> k.equals(p)
                || k.startsWith(p + "/") || p.startsWith(k + "/")));
        java.util.Map<String, String> kinds = java.util.Map.of("character special file", "chr",
                "block special file", "blk", "fifo", "fifo");
        java.util.Map<String, Stat> got = stat(restored);
        for (var e : want.entrySet()) {
            String kind = kinds.get(e.getValue().type());
            if (kind != null && !tool.keptKinds().contains(kind)) {
                assertThat(got).as("%s is a %s, which %s declares it does not keep", e.getKey(), kind, tool.id())
                        .doesNotContainKey(e.getKey());
                continue;
            }
            Stat w = e.getValue();
            Stat g = got.get(e.getKey());
            assertThat(g).as("restored %s", e.getKey()).isNotNull();
            boolean dir = w.type().equals("directory");
            assertThat(List.of(g.type(), g.mode(), g.rdev(), dir ? 0 : g.size())).as("type, mode, device numbers,"
                    + " size of %s", e.getKey()).isEqualTo(List.of(w.type(), w.mode(), w.rdev(), dir ? 0 : w.size()));
            if (tool.keptMetadata(target).contains("hardlinks") && !dir) {
                assertThat(g.nlink()).as("link count of %s", e.getKey()).isEqualTo(w.nlink());
            }
        }
        assertThat(got.keySet()).as("nothing but what was asked").isSubsetOf(want.keySet());
        if (want.containsKey("sparse.img")) {
            assertThat(Files.mismatch(source.resolve("sparse.img"), restored.resolve("sparse.img"))).isEqualTo(-1L);
            if (tool.keptMetadata(target).contains("sparse")) {
                assertThat(got.get("sparse.img").blocks() * 512).as("allocated bytes of the restored sparse file of "
                        + SPARSE_SIZE + " bytes (the source allocates " + want.get("sparse.img").blocks() * 512
                        + "); %s declares it keeps sparse files", tool.id()).isLessThan(SPARSE_SIZE / 2);
            }
        }
        if (want.containsKey("links/a") && want.containsKey("links/b") && tool.keptMetadata(target).contains("hardlinks")) {
            assertThat(inode(restored.resolve("links/b"))).isEqualTo(inode(restored.resolve("links/a")));
        }
        if (xattrs && want.containsKey("plain.txt") && tool.keptMetadata(target).contains("xattrs")) {
            var view = Files.getFileAttributeView(restored.resolve("plain.txt"),
                    java.nio.file.attribute.UserDefinedFileAttributeView.class);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
            view.read("rdump.test", b);
            assertThat(new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.US_ASCII))
                    .as("user xattr of plain.txt").isEqualTo("kept");
        }
        if (want.containsKey("links/to-a")) {
            assertThat(Files.readSymbolicLink(restored.resolve("links/to-a")).toString()).isEqualTo("a");
        }
    }

    @Test
    void restoreOfTheWholeTreeKeepsDevicesFifosSparseFilesHardLinksSymlinksAndXattrs() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = newTree("source");
        boolean[] made = specialTree(source);
        assumeTrue(stat(source).get("sparse.img").blocks() * 512 < SPARSE_SIZE / 2,
                "the test's file system makes no sparse files");
        ArchiveInfo archive = backedUp(tool, target, source);

        RestoredTree full = restore(tool, target, archive, Files.createDirectories(work.resolve("full")),
                context(stamp(1), new LocalCommandRunner()));
        assertSpecialsKept(tool, target, source, full.root(), List.of(), made[1]);
        Path into = Files.createDirectories(work.resolve("into"));
        tool.restorePaths(target, archive, List.of(), into, context(stamp(1), new LocalCommandRunner()));
        assertSpecialsKept(tool, target, source, into, List.of(), made[1]);
    }

    @Test
    void restoreOfASubsetKeepsDevicesFifosSparseFilesAndHardLinks() throws Exception {
        ToolTarget target = freshTarget();
        BackupTool tool = newTool();
        Path source = newTree("source");
        boolean[] made = specialTree(source);
        assumeTrue(stat(source).get("sparse.img").blocks() * 512 < SPARSE_SIZE / 2,
                "the test's file system makes no sparse files");
        ArchiveInfo archive = backedUp(tool, target, source);
        Path into = Files.createDirectories(work.resolve("into"));
        List<String> paths = List.of("dev", "links", "sparse.img");

        tool.restorePaths(target, archive, paths, into, context(stamp(1), new LocalCommandRunner()));

        assertSpecialsKept(tool, target, source, into, paths, made[1]);
        assertThat(into.resolve("plain.txt")).doesNotExist();
    }
}
