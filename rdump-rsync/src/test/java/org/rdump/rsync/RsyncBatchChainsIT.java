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
}
