package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpException;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/** Batch mode against real rsync: chains, SHA-256 checks, a reference left half-applied. */
class RsyncBatchChainsIT {
    private static final String VOLUME = "vol";
    @TempDir
    Path work;
    private TreeFixture tree;
    private final RsyncBackupTool tool = new RsyncBackupTool();
    private ToolTarget t;

    @BeforeEach
    void setUp() throws Exception {
        RequiredTools.need("rsync", "rsync");
        tree = TreeFixture.at(Files.createDirectories(work.resolve("source")));
        tree.file("a", "a\n").file("d/b", "b\n").file("linked/one", "1\n").hardLink("linked/two", "linked/one")
                .file("odd/new\nline", "n\n").symlink("odd/link", "../a").file("gone", "gone\n");
        new LocalCommandRunner().run(Command.of("mkfifo", tree.root().resolve("fifo").toString()));
        t = new ToolTarget("batches", "rsync", Settings.of(Map.of("dest", work.resolve("dest").toString(),
                "mode", "batch")));
    }

    private static String stamp(int n) {
        return String.format("202611%02dT100000Z", n);
    }

    private TestRunContext context(String stamp) {
        return new TestRunContext(new LocalCommandRunner(), Clock.fixed(CopyLayout.time(stamp), ZoneOffset.UTC), false,
                stamp, work.resolve("scratch-" + stamp));
    }

    private BackupResult backup(int n) {
        return tool.backup(new BackupRequest(t, VOLUME, tree.root(), VOLUME + "-" + stamp(n)), context(stamp(n)));
    }

    private Path restore(int n) throws Exception {
        ArchiveInfo a = tool.list(t, VOLUME, context(stamp(28))).stream().filter(x -> x.id().equals(stamp(n)))
                .findFirst().orElseThrow();
        return tool.restore(t, a, Files.createDirectories(work.resolve("restore-" + n + "-" + System.nanoTime())),
                context(stamp(28))).root();
    }

    private Path vol() {
        return work.resolve("dest").resolve(VOLUME);
    }

    @Test
    void eachBatchRestoresTheTreeAtItsStampAndCarriesItsSha256() throws Exception {
        TreeSnapshot[] at = new TreeSnapshot[4];
        assertThat(backup(1).archive().details()).containsEntry("kind", "full");
        at[1] = TreeSnapshot.of(tree.root());
        tree.file("a", "a, longer\n").delete("gone").hardLink("linked/three", "linked/one").file("new", "new\n");
        assertThat(backup(2).archive().details()).containsEntry("kind", "batch").containsEntry("base", stamp(1));
        at[2] = TreeSnapshot.of(tree.root());
        tree.file("d/b", "b, longer\n").delete("new");
        backup(3);
        at[3] = TreeSnapshot.of(tree.root());

        Path b2 = vol().resolve(stamp(2) + ".batch");
        assertThat(Files.readString(b2.resolve("batch.sha256")))
                .isEqualTo(BatchCopies.sha256(b2.resolve("batch")) + "  batch\n");
        for (int n = 1; n <= 3; n++) {
            assertThat(TreeSnapshot.of(restore(n)).differencesFrom(at[n])).as("restore of run " + n).isEmpty();
        }
        Path r2 = restore(2);
        assertThat(r2.resolve("gone")).doesNotExist();
        assertThat(Files.getAttribute(r2.resolve("linked/three"), "unix:ino"))
                .isEqualTo(Files.getAttribute(r2.resolve("linked/one"), "unix:ino"));
    }

    @Test
    void aDamagedBatchIsRefusedBeforeItIsApplied() throws Exception {
        backup(1);
        tree.file("a", "a, longer\n");
        backup(2);
        Files.write(vol().resolve(stamp(2) + ".batch/batch"), new byte[] {1}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> restore(2)).isInstanceOf(RdumpException.class)
                .hasMessageContaining("has SHA-256").hasMessageContaining("it is damaged");
    }

    @Test
    void aReferenceLeftHalfAppliedIsRebuiltAndTheNextBatchIsStillRight() throws Exception {
        backup(1);
        tree.file("a", "a, longer\n");
        backup(2);
        // as if killed while --read-batch changed the reference: no stamp, a reference that is neither run
        Files.delete(vol().resolve("reference.stamp"));
        Files.writeString(vol().resolve("reference/a"), "half\n");
        tree.file("d/b", "b, longer\n");
        backup(3);
        assertThat(TreeSnapshot.of(restore(3)).differencesFrom(TreeSnapshot.of(tree.root()))).isEmpty();
        assertThat(Files.readString(vol().resolve("reference.stamp")).trim()).isEqualTo(stamp(3));
        assertThat(List.of(vol().toFile().list())).noneMatch(n -> n.endsWith(".partial"));
    }

    @Test
    void aRunKilledWhileWritingTheBatchLeavesNoCountedCopyAndTheNextRunSucceeds() throws Exception {
        backup(1);
        tree.file("a", "a, longer\n");
        org.rdump.testkit.MemoryUndoLog journal = new org.rdump.testkit.MemoryUndoLog();
        org.rdump.api.command.CommandRunner dying = new org.rdump.api.command.CommandRunner() {
            private final LocalCommandRunner real = new LocalCommandRunner();

            @Override
            public org.rdump.api.command.CommandResult run(Command command, org.rdump.api.command.LineListener out,
                                                           org.rdump.api.command.LineListener err) {
                if (command.argv().stream().anyMatch(a -> a.startsWith("--only-write-batch="))) {
                    real.run(command, out, err);
                    throw new RdumpException("killed after writing the batch");
                }
                return real.run(command, out, err);
            }

            @Override
            public org.rdump.api.command.RunningCommand start(Command command) {
                return real.start(command);
            }
        };
        TestRunContext ctx = new TestRunContext(dying, Clock.fixed(CopyLayout.time(stamp(2)), ZoneOffset.UTC), false,
                stamp(2), work.resolve("scratch-2")).journalingInto(journal);
        assertThatThrownBy(() -> tool.backup(new BackupRequest(t, VOLUME, tree.root(), VOLUME + "-" + stamp(2)), ctx))
                .hasMessageContaining("killed");
        assertThat(vol().resolve(stamp(2) + ".batch.partial/batch")).exists();
        assertThat(journal.open()).singleElement().satisfies(u -> assertThat(u.identity())
                .endsWith(stamp(2) + ".batch.partial"));
        assertThat(tool.list(t, VOLUME, context(stamp(28))).stream().map(ArchiveInfo::id)).containsExactly(stamp(1));

        backup(3);
        assertThat(List.of(vol().toFile().list())).noneMatch(n -> n.endsWith(".partial"));
        assertThat(TreeSnapshot.of(restore(3)).differencesFrom(TreeSnapshot.of(tree.root()))).isEmpty();
    }

    @Test
    void aRemoteDestIsRefused() {
        assertThatThrownBy(() -> tool.validate(new ToolTarget("b", "rsync", Settings.of(Map.of(
                "dest", "backup@host:/srv/b", "mode", "batch"))))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mode: batch needs a local dest");
    }

    private ToolTarget target(Map<String, Object> more) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("dest", work.resolve("dest").toString(), "mode", "batch"));
        m.putAll(more);
        return new ToolTarget("batches", "rsync", Settings.of(m));
    }

    /** Backs up run {@code n} into {@code target} after changing the tree, and returns the tree it copied. */
    private TreeSnapshot run(ToolTarget target, int n, TreeSnapshot[] at) throws Exception {
        tree.file("run", "run " + n + ".".repeat(n) + "\n"); // sizes differ: rsync's quick check
        if (n % 2 == 0) {
            tree.file("even/" + n, "even\n");
        } else {
            Files.deleteIfExists(tree.root().resolve("even/" + (n - 1))); // a deletion travels in the batch
        }
        BackupResult r = tool.backup(new BackupRequest(target, VOLUME, tree.root(), VOLUME + "-" + stamp(n)),
                context(stamp(n)));
        assertThat(r.archive().id()).isEqualTo(stamp(n));
        at[n] = TreeSnapshot.of(tree.root());
        return at[n];
    }

    private Path restore(ToolTarget target, int n) throws Exception {
        ArchiveInfo a = tool.list(target, VOLUME, context(stamp(28))).stream().filter(x -> x.id().equals(stamp(n)))
                .findFirst().orElseThrow();
        return tool.restore(target, a, Files.createDirectories(work.resolve("restore-" + n + "-" + System.nanoTime())),
                context(stamp(28))).root();
    }

    private List<String> ids(ToolTarget target) {
        return tool.list(target, VOLUME, context(stamp(28))).stream().map(ArchiveInfo::id).toList();
    }

    private List<String> names() throws Exception {
        try (java.util.stream.Stream<Path> l = Files.list(vol())) {
            return l.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void restoresEqual(ToolTarget target, TreeSnapshot[] at, int... runs) throws Exception {
        for (int n : runs) {
            assertThat(TreeSnapshot.of(restore(target, n)).differencesFrom(at[n])).as("restore of run " + n).isEmpty();
        }
    }

    @org.junit.jupiter.api.Nested
    class FullEvery {
        @Test
        void aNewBaseAndAFreshChainEveryFullEveryRuns() throws Exception {
            ToolTarget t3 = target(Map.of("full_every", 3));
            TreeSnapshot[] at = new TreeSnapshot[10];
            List<String> kinds = new java.util.ArrayList<>();
            for (int n = 1; n <= 7; n++) {
                run(t3, n, at);
                kinds.add(tool.list(t3, VOLUME, context(stamp(28))).stream().filter(a -> a.id().equals(stamp(
                        kinds.size() + 1))).findFirst().orElseThrow().details().get("kind"));
            }
            assertThat(kinds).containsExactly("full", "batch", "batch", "full", "batch", "batch", "full");
            assertThat(tool.list(t3, VOLUME, context(stamp(28))).stream().filter(a -> a.id().equals(stamp(5)))
                    .findFirst().orElseThrow().details()).containsEntry("base", stamp(4));
            assertThat(Files.readString(vol().resolve(stamp(6) + ".batch/base"))).isEqualTo(stamp(4) + "\n");
            assertThat(Files.readString(vol().resolve("reference.stamp")).trim()).isEqualTo(stamp(7));
            assertThat(TreeSnapshot.of(vol().resolve("reference")).differencesFrom(at[7])).isEmpty();
            restoresEqual(t3, at, 1, 2, 3, 4, 5, 6, 7);
        }

        @Test
        void fullEveryOneMakesEveryRunAFullCopy() throws Exception {
            ToolTarget t1 = target(Map.of("full_every", 1));
            TreeSnapshot[] at = new TreeSnapshot[4];
            for (int n = 1; n <= 3; n++) {
                run(t1, n, at);
            }
            assertThat(names()).containsExactly(stamp(1), stamp(2), stamp(3), "reference", "reference.stamp");
            restoresEqual(t1, at, 1, 2, 3);
        }
    }

    @org.junit.jupiter.api.Nested
    class Retention {
        @Test
        void keepsExactlyTheNewestChainsAndEveryKeptStampStillRestores() throws Exception {
            ToolTarget t = target(Map.of("full_every", 2, "keep", 2));
            TreeSnapshot[] at = new TreeSnapshot[10];
            for (int n = 1; n <= 6; n++) {
                run(t, n, at);
            }
            TestRunContext dry = new TestRunContext(new LocalCommandRunner(), Clock.fixed(CopyLayout.time(stamp(6)),
                    ZoneOffset.UTC), true, stamp(6), work.resolve("scratch-dry"));
            tool.prune(t, VOLUME, dry);
            assertThat(ids(t)).hasSize(6);
            assertThat(dry.events()).filteredOn(e -> e instanceof org.rdump.api.RunEvent.DryRun)
                    .extracting(e -> ((org.rdump.api.RunEvent.DryRun) e).line())
                    .containsExactly("delete the batch " + vol().resolve(stamp(2) + ".batch"),
                            "delete the full copy " + vol().resolve(stamp(1)));

            tool.prune(t, VOLUME, context(stamp(6)));
            assertThat(ids(t)).containsExactly(stamp(3), stamp(4), stamp(5), stamp(6));
            assertThat(names()).containsExactly(stamp(3), stamp(4) + ".batch", stamp(5), stamp(6) + ".batch",
                    "reference", "reference.stamp");
            restoresEqual(t, at, 3, 4, 5, 6);

            run(t, 7, at); // a new base: three chains, the newest one copy long
            tool.prune(t, VOLUME, context(stamp(7)));
            assertThat(ids(t)).containsExactly(stamp(5), stamp(6), stamp(7));
            run(t, 8, at);
            restoresEqual(t, at, 5, 6, 7, 8);
        }

        @Test
        void keepOneLeavesTheNewestChainEvenWhenItIsOnlyItsBase() throws Exception {
            ToolTarget t = target(Map.of("full_every", 3, "keep", 1));
            TreeSnapshot[] at = new TreeSnapshot[10];
            for (int n = 1; n <= 4; n++) {
                run(t, n, at);
            }
            tool.prune(t, VOLUME, context(stamp(4)));
            assertThat(names()).containsExactly(stamp(4), "reference", "reference.stamp");
            run(t, 5, at);
            assertThat(tool.list(t, VOLUME, context(stamp(28))).get(1).details()).containsEntry("kind", "batch")
                    .containsEntry("base", stamp(4));
            restoresEqual(t, at, 4, 5);
        }

        @Test
        void aProvenBatchKeepsItsWholeChain() throws Exception {
            ToolTarget t = target(Map.of("full_every", 3, "keep", 1));
            TreeSnapshot[] at = new TreeSnapshot[10];
            for (int n = 1; n <= 7; n++) {
                run(t, n, at);
            }
            TestRunContext ctx = context(stamp(7));
            tool.prune(t, VOLUME, org.rdump.api.PruneProtection.keeping(CopyLayout.time(stamp(5)),
                    "proven by a test restore"), ctx);
            assertThat(ids(t)).containsExactly(stamp(4), stamp(5), stamp(6), stamp(7));
            assertThat(ctx.events()).filteredOn(e -> e instanceof org.rdump.api.RunEvent.Report)
                    .extracting(e -> ((org.rdump.api.RunEvent.Report) e).message())
                    .contains("rsync: kept: " + stamp(5) + " proven by a test restore (the batch chain of " + vol().resolve(stamp(4))
                            + " (3 copies), beyond keep: 1)")
                    .contains("rsync: deleted the batch " + vol().resolve(stamp(3) + ".batch") + " (keep: 1 chains)");
            restoresEqual(t, at, 4, 5, 6, 7);
        }

        @Test
        void theNewestCopyBeforeAGuardFailureKeepsItsChainAndAnUnreadableLedgerPrunesNothing() throws Exception {
            ToolTarget t = target(Map.of("full_every", 2, "keep", 1));
            TreeSnapshot[] at = new TreeSnapshot[10];
            for (int n = 1; n <= 5; n++) {
                run(t, n, at);
            }
            tool.prune(t, VOLUME, org.rdump.api.PruneProtection.skipping("the ledger cannot be read"),
                    context(stamp(5)));
            assertThat(ids(t)).hasSize(5);
            TestRunContext ctx = context(stamp(5));
            tool.prune(t, VOLUME, org.rdump.api.PruneProtection.newestBefore(CopyLayout.time(stamp(2))
                    .plusSeconds(60)), ctx);
            assertThat(ids(t)).containsExactly(stamp(1), stamp(2), stamp(5));
            assertThat(ctx.events()).filteredOn(e -> e instanceof org.rdump.api.RunEvent.Report)
                    .extracting(e -> ((org.rdump.api.RunEvent.Report) e).message())
                    .contains("rsync: kept the batch chain of " + vol().resolve(stamp(1)) + " (2 copies) beyond keep: 1:"
                            + " it holds " + stamp(2) + ", the newest copy before a guard failure of the volume");
            assertThat(Files.exists(vol().resolve(stamp(3)))).isFalse();
            restoresEqual(t, at, 1, 2, 5);
        }

        @Test
        void aPruneKilledInsideAChainLeavesRestorableCopiesAndTheNextRunFinishesIt() throws Exception {
            ToolTarget t = target(Map.of("full_every", 3, "keep", 1));
            TreeSnapshot[] at = new TreeSnapshot[10];
            for (int n = 1; n <= 4; n++) {
                run(t, n, at);
            }
            org.rdump.testkit.MemoryUndoLog journal = new org.rdump.testkit.MemoryUndoLog();
            // killed just after journaling the second deletion (the batch of run 2), before its rename
            org.rdump.api.UndoLog dying = new org.rdump.api.UndoLog() {
                private int records;

                @Override
                public org.rdump.api.Undo record(org.rdump.api.Undo undo) {
                    org.rdump.api.Undo u = journal.record(undo);
                    if (++records == 2) {
                        throw new RdumpException("killed during prune");
                    }
                    return u;
                }

                @Override
                public void done(org.rdump.api.Undo undo) {
                    journal.done(undo);
                }
            };
            assertThatThrownBy(() -> tool.prune(t, VOLUME, context(stamp(4)).journalingInto(dying)))
                    .hasMessageContaining("killed during prune");
            assertThat(ids(t)).containsExactly(stamp(1), stamp(2), stamp(4));
            restoresEqual(t, at, 1, 2, 4);
            // as if the kill came after the rename: the batch waits as .deleting, its record open
            Files.move(vol().resolve(stamp(2) + ".batch"), vol().resolve(stamp(2) + ".batch.deleting"));
            assertThat(ids(t)).containsExactly(stamp(1), stamp(4));
            restoresEqual(t, at, 1, 4);
            assertThat(journal.open()).singleElement().satisfies(u -> assertThat(u.identity())
                    .isEqualTo(vol().resolve(stamp(2) + ".batch.deleting").toString()));

            // the next run: recovery replays the journal, the backup and prune finish the chain
            TestRunContext next = context(stamp(5));
            for (org.rdump.api.Undo u : journal.open()) {
                journal.undo(u, next);
            }
            assertThat(journal.open()).isEmpty();
            run(t, 5, at);
            tool.prune(t, VOLUME, context(stamp(5)));
            assertThat(names()).containsExactly(stamp(4), stamp(5) + ".batch", "reference", "reference.stamp");
            restoresEqual(t, at, 4, 5);
        }

        @Test
        void aDeletingLeftoverWithoutAJournalIsRemovedByTheNextRun() throws Exception {
            ToolTarget t = target(Map.of("full_every", 2, "keep", 1));
            TreeSnapshot[] at = new TreeSnapshot[10];
            for (int n = 1; n <= 3; n++) {
                run(t, n, at);
            }
            Files.move(vol().resolve(stamp(2) + ".batch"), vol().resolve(stamp(2) + ".batch.deleting"));
            run(t, 4, at);
            assertThat(names()).noneMatch(n -> n.endsWith(".deleting"));
            tool.prune(t, VOLUME, context(stamp(4)));
            assertThat(ids(t)).containsExactly(stamp(3), stamp(4));
            restoresEqual(t, at, 3, 4);
        }
    }

    @org.junit.jupiter.api.Nested
    class ConfigErrors {
        @Test
        void fullEveryAndKeepBelowOneAreRefusedAndFullEveryIsForBatchOrDifferentialOnly() {
            tool.validate(target(Map.of("full_every", 4, "keep", 2)));
            assertThatThrownBy(() -> tool.validate(target(Map.of("full_every", 0))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("expected a number of runs from 1 up, found 0");
            assertThatThrownBy(() -> tool.validate(target(Map.of("keep", 0))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("expected a number of copies from 1 up, found 0");
            assertThatThrownBy(() -> tool.validate(target(Map.of("mode", "versioned", "full_every", 3))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'full_every' is for mode: differential"
                            + " or batch, and mode is versioned; remove 'full_every' or set mode: differential or batch");
        }
    }
}
