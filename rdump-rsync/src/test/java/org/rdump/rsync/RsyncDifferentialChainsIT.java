package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.ConfigException;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpException;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.MemoryUndoLog;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/** Differential mode against real rsync: chains, deletions, hard links, full_every, kills, retention. */
class RsyncDifferentialChainsIT {
    private static final String VOLUME = "vol";
    @TempDir
    Path work;
    private TreeFixture tree;
    private final RsyncBackupTool tool = new RsyncBackupTool();

    @BeforeEach
    void setUp() throws Exception {
        RequiredTools.need("rsync", "rsync");
        tree = TreeFixture.at(Files.createDirectories(work.resolve("source")));
        tree.file("a.txt", "a\n").file("dir/b.txt", "b\n").file("dir/gone.txt", "gone\n")
                .file("linked/one", "one\n").hardLink("linked/two", "linked/one")
                .file("lonely", "lonely\n").file("odd/with space", "s\n").file("odd/new\nline", "n\n")
                .file("odd/back\\#123slash", "bs\n").file("odd/-dash", "d\n").file("odd/caf\u00e9 \u2603", "u\n")
                .symlink("odd/link", "../a.txt").dir("deldir/sub").file("deldir/sub/x", "x\n");
        mkfifo(tree.root().resolve("fifo"));
    }

    private static void mkfifo(Path p) {
        new LocalCommandRunner().run(Command.of("mkfifo", p.toString()));
    }

    private ToolTarget target(Map<String, Object> more) {
        Map<String, Object> s = new HashMap<>(Map.of("dest", work.resolve("dest").toString(), "mode", "differential"));
        s.putAll(more);
        return new ToolTarget("diffs", "rsync", Settings.of(s));
    }

    private static String stamp(int n) {
        return String.format("202611%02dT100000Z", n % 28 + 1);
    }

    private TestRunContext context(String stamp, CommandRunner runner) {
        Instant at = CopyLayout.time(stamp);
        return new TestRunContext(runner, Clock.fixed(at, ZoneOffset.UTC), false, stamp,
                work.resolve("scratch-" + stamp));
    }

    private BackupResult backup(ToolTarget t, int n) {
        return tool.backup(new BackupRequest(t, VOLUME, tree.root(), VOLUME + "-" + stamp(n)),
                context(stamp(n), new LocalCommandRunner()));
    }

    private Path restore(ToolTarget t, int n) throws Exception {
        ArchiveInfo a = tool.list(t, VOLUME, context(stamp(99), new LocalCommandRunner())).stream()
                .filter(x -> x.id().equals(stamp(n))).findFirst().orElseThrow();
        return tool.restore(t, a, Files.createDirectories(work.resolve("restore-" + n)),
                context(stamp(99), new LocalCommandRunner())).root();
    }

    /** The hard-link groups (paths sharing an inode, two or more) of a tree. */
    private static Set<Set<String>> linkGroups(Path root) throws Exception {
        Map<Object, Set<String>> byInode = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Long ino = (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                    byInode.computeIfAbsent(ino, k -> new TreeSet<>()).add(root.relativize(p).toString());
                }
            }
        }
        Set<Set<String>> groups = new java.util.HashSet<>();
        byInode.values().stream().filter(g -> g.size() > 1).forEach(groups::add);
        return groups;
    }

    private void assertSame(Path restored, TreeSnapshot expected, Set<Set<String>> groups) throws Exception {
        assertThat(TreeSnapshot.of(restored).differencesFrom(expected)).as("differences from the tree at its stamp")
                .isEmpty();
        assertThat(linkGroups(restored)).isEqualTo(groups);
    }

    private void changeTree() throws Exception {
        tree.file("a.txt", "a changed\n").delete("dir/gone.txt").delete("deldir/sub/x").delete("deldir/sub")
                .delete("deldir").file("added", "added\n")
                // a new link to an unchanged file: rsync 3.2.7 hangs on this with -H --compare-dest
                .hardLink("linked/three", "linked/one").hardLink("lonely2", "lonely")
                .file("odd/new\nline", "n2\n").mode("dir/b.txt", "rw-------");
    }

    @Test
    void aDifferentialCopyHoldsOnlyTheChangesAndRestoresTheTreeAtItsStamp() throws Exception {
        ToolTarget t = target(Map.of());
        TreeSnapshot first = TreeSnapshot.of(tree.root());
        Set<Set<String>> firstGroups = linkGroups(tree.root());
        assertThat(backup(t, 1).archive().details()).containsEntry("kind", "full");
        changeTree();
        TreeSnapshot second = TreeSnapshot.of(tree.root());
        Set<Set<String>> secondGroups = linkGroups(tree.root());
        BackupResult diff = backup(t, 2);

        assertThat(diff.archive().details()).containsEntry("kind", "differential").containsEntry("base", stamp(1));
        Path d = work.resolve("dest/vol").resolve(stamp(2) + ".diff");
        assertThat(d.resolve("tree/added")).exists();
        assertThat(d.resolve("tree/linked/three")).exists();
        assertThat(d.resolve("tree/odd/with space")).doesNotExist();
        assertThat(d.resolve("tree/dir/b.txt")).exists();
        assertThat(d.resolve("tree/fifo")).as("an unchanged entry of the root").doesNotExist();
        assertThat(d.resolve("tree/odd/-dash")).doesNotExist();
        assertThat(ItemizedChanges.fromNulList(Files.readAllBytes(d.resolve("deleted.nul"))).stream()
                .map(String::new).toList()).contains("dir/gone.txt", "deldir");
        assertThat(Files.readString(d.resolve("base")).trim()).isEqualTo(stamp(1));

        Path restored = restore(t, 2);
        assertSame(restored, second, secondGroups);
        assertThat(restored.resolve("dir/gone.txt")).doesNotExist();
        assertSame(restore(t, 1), first, firstGroups);

        tree.file("third", "3\n").delete("added");
        TreeSnapshot third = TreeSnapshot.of(tree.root());
        assertThat(backup(t, 3).archive().details()).containsEntry("kind", "differential")
                .containsEntry("base", stamp(1));
        assertSame(restore(t, 3), third, linkGroups(tree.root()));
    }

    @Test
    void restorePathsOfADifferentialCopyComposesItAndRefusesADeletedPath() throws Exception {
        ToolTarget t = target(Map.of());
        backup(t, 1);
        changeTree();
        ArchiveInfo diff = backup(t, 2).archive();
        Path into = Files.createDirectories(work.resolve("some"));
        tool.restorePaths(t, diff, List.of("a.txt", "odd/with space"), into, context(stamp(9), new LocalCommandRunner()));
        assertThat(Files.readString(into.resolve("a.txt"))).isEqualTo("a changed\n");
        assertThat(Files.readString(into.resolve("odd/with space"))).isEqualTo("s\n");
        assertThatThrownBy(() -> tool.restorePaths(t, diff, List.of("dir/gone.txt"),
                Files.createDirectories(work.resolve("none")), context(stamp(9), new LocalCommandRunner())))
                .isInstanceOf(RdumpException.class).hasMessageContaining("dir/gone.txt");
        assertThat(work.resolve("scratch-" + stamp(9))).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void fullEveryRollsOverToANewFullCopy() throws Exception {
        ToolTarget t = target(Map.of("full_every", 2));
        List<String> kinds = new java.util.ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            tree.file("run", "run " + n + ".".repeat(n) + "\n"); // sizes differ: rsync's quick check
            kinds.add(backup(t, n).archive().details().get("kind"));
        }
        assertThat(kinds).containsExactly("full", "differential", "full", "differential", "full");
        assertThat(tool.list(t, VOLUME, context(stamp(9), new LocalCommandRunner())).get(3).details())
                .containsEntry("base", stamp(3));
        assertThat(Files.readString(restore(t, 4).resolve("run"))).isEqualTo("run 4....\n");
    }

    @Test
    void aRunKilledDuringTheDifferentialCopyLeavesNoCountedCopyAndTheNextRunSucceeds() throws Exception {
        ToolTarget t = target(Map.of());
        backup(t, 1);
        changeTree();
        MemoryUndoLog journal = new MemoryUndoLog();
        CommandRunner dying = new CommandRunner() {
            private final LocalCommandRunner real = new LocalCommandRunner();

            @Override
            public CommandResult run(Command command, LineListener stdout, LineListener stderr) {
                if (command.argv().stream().anyMatch(a -> a.startsWith("--files-from="))) {
                    throw new RdumpException("killed during the differential copy");
                }
                return real.run(command, stdout, stderr);
            }

            @Override
            public org.rdump.api.command.RunningCommand start(Command command) {
                return real.start(command);
            }
        };
        assertThatThrownBy(() -> tool.backup(new BackupRequest(t, VOLUME, tree.root(), VOLUME + "-" + stamp(2)),
                context(stamp(2), dying).journalingInto(journal))).hasMessageContaining("killed");

        assertThat(work.resolve("dest/vol").resolve(stamp(2) + ".diff.partial")).isDirectory();
        assertThat(tool.list(t, VOLUME, context(stamp(9), new LocalCommandRunner())).stream().map(ArchiveInfo::id))
                .containsExactly(stamp(1));
        assertThat(journal.open()).singleElement().satisfies(u -> assertThat(u.identity())
                .endsWith(stamp(2) + ".diff.partial"));

        TreeSnapshot now = TreeSnapshot.of(tree.root());
        assertThat(backup(t, 3).archive().details()).containsEntry("kind", "differential");
        assertThat(work.resolve("dest/vol").resolve(stamp(2) + ".diff.partial")).doesNotExist();
        assertSame(restore(t, 3), now, linkGroups(tree.root()));
    }

    @Nested
    class Retention {
        private List<String> ids(ToolTarget t) {
            return tool.list(t, VOLUME, context(stamp(99), new LocalCommandRunner())).stream().map(ArchiveInfo::id)
                    .toList();
        }

        @Test
        void aFullCopyAKeptDifferentialNeedsIsKept() throws Exception {
            ToolTarget t = target(Map.of("keep", 1, "full_every", 3));
            for (int n = 1; n <= 3; n++) {
                tree.file("run", "run " + n + ".".repeat(n) + "\n"); // sizes differ: rsync's quick check
                backup(t, n);
            }
            tool.prune(t, VOLUME, context(stamp(3), new LocalCommandRunner()));
            assertThat(ids(t)).containsExactly(stamp(1), stamp(3));
            assertThat(Files.readString(restore(t, 3).resolve("run"))).isEqualTo("run 3...\n");

            tree.file("run", "run 4....\n");
            assertThat(backup(t, 4).archive().details()).containsEntry("kind", "full");
            tool.prune(t, VOLUME, context(stamp(4), new LocalCommandRunner()));
            assertThat(ids(t)).containsExactly(stamp(4));
            assertThat(Files.list(work.resolve("dest/vol")).map(p -> p.getFileName().toString()))
                    .containsExactly(stamp(4));
        }

        @Test
        void aProvenDifferentialCopyIsKeptWithItsFullCopy() throws Exception {
            ToolTarget t = target(Map.of("keep", 1, "full_every", 2));
            for (int n = 1; n <= 3; n++) {
                backup(t, n);
            }
            tool.prune(t, VOLUME, PruneProtection.keeping(CopyLayout.time(stamp(2)), "proven by a test restore"),
                    context(stamp(3), new LocalCommandRunner()));
            assertThat(ids(t)).containsExactly(stamp(1), stamp(2), stamp(3));
        }
    }

    @Nested
    class ConfigErrors {
        @Test
        void aRemoteDestIsRefusedForDifferentialMode() {
            assertThatThrownBy(() -> tool.validate(new ToolTarget("diffs", "rsync", Settings.of(Map.of(
                    "dest", "backup@host:/srv/b", "mode", "differential"))))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("mode: differential needs a local dest");
        }

        @Test
        void fullEveryBelowOneOrWithAnotherModeIsRefused() {
            assertThatThrownBy(() -> tool.validate(target(Map.of("full_every", 0))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("from 1 up, found 0");
            assertThatThrownBy(() -> tool.validate(target(Map.of("mode", "versioned", "full_every", 3))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'full_every' is for mode: differential");
        }
    }
}
