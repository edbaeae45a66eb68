package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/** The backup tool contract against real rsync, versioned mode, plus dated-copy behaviour. */
class RsyncVersionedIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new RsyncBackupTool();
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("rsync", "rsync");
        return new ToolTarget("copies", "rsync", Settings.of(Map.of("dest", missing.toString(), "mode", "versioned")));
    }

    @Override
    protected ToolTarget target(Path workDir) {
        return target(workDir, Map.of("keep", 1));
    }

    private ToolTarget target(Path workDir, Map<String, Object> more) {
        RequiredTools.need("rsync", "rsync");
        Map<String, Object> s = new HashMap<>(Map.of("dest", workDir.resolve("dest").toString(), "mode", "versioned"));
        s.putAll(more);
        return new ToolTarget("copies", "rsync", Settings.of(s));
    }

    private Path copies() {
        return work.resolve("tool/dest").resolve(VOLUME);
    }

    private static long inode(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    @Nested
    class DatedCopies {
        @Test
        void unchangedFilesAreHardLinksToThePreviousCopy() throws Exception {
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")), Map.of());
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            LocalCommandRunner runner = new LocalCommandRunner();
            BackupResult first = backup(newTool(), target, VOLUME, tree.root(), FIRST_STAMP, runner);
            tree.file("hello.txt", "changed\n");
            BackupResult second = backup(newTool(), target, VOLUME, tree.root(), stamp(1), runner);

            Path a = copies().resolve(FIRST_STAMP);
            Path b = copies().resolve(stamp(1));
            assertThat(inode(b.resolve("data/big.bin"))).isEqualTo(inode(a.resolve("data/big.bin")));
            assertThat(inode(b.resolve("private/key"))).isEqualTo(inode(a.resolve("private/key")));
            assertThat(inode(b.resolve("hello.txt"))).isNotEqualTo(inode(a.resolve("hello.txt")));
            assertThat(Files.readString(a.resolve("hello.txt"))).isEqualTo("hello, world\n");
            assertThat(second.archive().details()).containsEntry("linked_to", first.archive().id());
        }

        @Test
        void pruneWithKeepTwoDeletesTheOldestCopy() throws Exception {
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")), Map.of("keep", "2"));
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            LocalCommandRunner runner = new LocalCommandRunner();
            for (int i = 0; i < 3; i++) {
                // a new mtime each run: rsync's quick check skips same-size files with the same mtime
                tree.file("run", "run " + i + "\n").mtime("run", java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i));
                backup(newTool(), target, VOLUME, tree.root(), stamp(i), runner);
            }
            TreeSnapshot newest = TreeSnapshot.of(tree.root());

            newTool().prune(target, VOLUME, context(stamp(5), runner));

            assertThat(newTool().list(target, VOLUME, context(stamp(5), runner)))
                    .extracting(ArchiveInfo::id).containsExactly(stamp(1), stamp(2));
            assertThat(copies().resolve(stamp(0))).doesNotExist();
            assertThat(TreeSnapshot.of(copies().resolve(stamp(2))).differencesFrom(newest)).isEmpty();
        }

        @Test
        void pruneKeepsTheNewestCopyBeforeAGuardFailureBeyondKeep() throws Exception {
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")), Map.of("keep", "2"));
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            LocalCommandRunner runner = new LocalCommandRunner();
            for (int i = 0; i < 4; i++) {
                tree.file("run", "run " + i + "\n").mtime("run", java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i));
                backup(newTool(), target, VOLUME, tree.root(), stamp(i), runner);
            }
            // a guard failed after copy 1 was made (before copy 2): copies 2 and 3 came from later, passing runs
            java.time.Instant failure = CopyLayout.time(stamp(1)).plusSeconds(1);

            newTool().prune(target, VOLUME, org.rdump.api.PruneProtection.newestBefore(failure), context(stamp(5), runner));

            assertThat(newTool().list(target, VOLUME, context(stamp(5), runner)))
                    .extracting(ArchiveInfo::id).containsExactly(stamp(1), stamp(2), stamp(3));
            assertThat(copies().resolve(stamp(0))).doesNotExist();
        }

        @Test
        void aFailedRunLeavesNoCompleteLookingCopyAndTheNextRunFinishesIt() throws Exception {
            Path failing = Stand.rsyncThenExit(work, 12);
            ToolTarget good = target(Files.createDirectories(work.resolve("tool")), Map.of());
            ToolTarget bad = target(work.resolve("tool"), Map.of("program", failing.toString()));
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            LocalCommandRunner runner = new LocalCommandRunner();
            backup(newTool(), good, VOLUME, tree.root(), FIRST_STAMP, runner);
            tree.file("hello.txt", "second\n");

            assertThatThrownBy(() -> backup(newTool(), bad, VOLUME, tree.root(), stamp(1), runner))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("failed (exit 12)")
                    .hasMessageContaining("rsync exit 12 means: error in rsync protocol data stream");
            assertThat(newTool().list(good, VOLUME, context(stamp(2), runner)))
                    .extracting(ArchiveInfo::id).containsExactly(FIRST_STAMP);
            assertThat(copies().resolve(stamp(1))).doesNotExist();
            assertThat(copies().resolve(stamp(1) + ".partial")).isDirectory();

            backup(newTool(), good, VOLUME, tree.root(), stamp(2), runner);

            try (var s = Files.list(copies())) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly(FIRST_STAMP, stamp(2));
            }
            assertThat(TreeSnapshot.of(copies().resolve(stamp(2))).differencesFrom(TreeSnapshot.of(tree.root())))
                    .isEmpty();
        }

        @Test
        void aSecondRunWithTheSameStampIsRefused() throws Exception {
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")), Map.of());
            Path source = TreeFixture.sample(work.resolve("source")).root();
            LocalCommandRunner runner = new LocalCommandRunner();
            backup(newTool(), target, VOLUME, source, FIRST_STAMP, runner);

            assertThatThrownBy(() -> backup(newTool(), target, VOLUME, source, FIRST_STAMP, runner))
                    .hasMessageContaining("the dated copy " + copies().resolve(FIRST_STAMP) + " already exists");
        }
    }

    @Nested
    class ExitCodes {
        @Test
        void vanishedFilesAreAWarningAndTheCopyIsComplete() throws Exception {
            Path vanishing = Stand.rsyncThenExit(work, 24);
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")),
                    Map.of("program", vanishing.toString()));
            Path source = TreeFixture.sample(work.resolve("source")).root();

            BackupResult r = backup(newTool(), target, VOLUME, source, FIRST_STAMP, new LocalCommandRunner());

            assertThat(r.warnings()).containsExactly("rsync exit 24 (partial transfer due to vanished source files):"
                    + " stand-in: pretending exit 24");
            assertThat(newTool().list(target, VOLUME, context(stamp(1), new LocalCommandRunner())))
                    .extracting(ArchiveInfo::id).containsExactly(FIRST_STAMP);
        }

        @Test
        void partialTransferFailsUnlessErrorsAreTolerated() throws Exception {
            Path partial = Stand.rsyncThenExit(work, 23);
            Path source = TreeFixture.sample(work.resolve("source")).root();
            Files.createDirectories(work.resolve("tool"));
            ToolTarget strict = target(work.resolve("tool"), Map.of("program", partial.toString()));
            ToolTarget tolerant = target(work.resolve("tool"),
                    Map.of("program", partial.toString(), "tolerate_errors", true));

            assertThatThrownBy(() -> backup(newTool(), strict, VOLUME, source, FIRST_STAMP, new LocalCommandRunner()))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("set tolerate_errors: true");
            BackupResult r = backup(newTool(), tolerant, VOLUME, source, stamp(1), new LocalCommandRunner());

            assertThat(r.warnings()).singleElement().asString().startsWith("rsync exit 23 (partial transfer due to error");
            assertThat(newTool().list(tolerant, VOLUME, context(stamp(2), new LocalCommandRunner())))
                    .extracting(ArchiveInfo::id).containsExactly(stamp(1));
            assertThat(List.of(copies().resolve(stamp(1)))).allMatch(Files::isDirectory);
        }
    }
}
