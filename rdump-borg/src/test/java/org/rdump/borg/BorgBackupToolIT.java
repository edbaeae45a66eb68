package org.rdump.borg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/** The backup tool contract against real borg 1.2 repositories, plus borg's own behaviour. */
class BorgBackupToolIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new BorgBackupTool();
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("borg", "borg");
        return new ToolTarget("vault", "borg", Settings.of(Map.of("repo", missing.toString(),
                "passphrase", BorgRepo.PASSPHRASE, "base_dir", work.resolve("borg-base").toString())));
    }

    @Override
    protected ToolTarget target(Path workDir) {
        return BorgRepo.init(workDir).target(Map.of("keep_last", 1));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(BorgRepo.PASSPHRASE);
    }

    private static Object attribute(Path p, String name) {
        try {
            return Files.getAttribute(p, name, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path source() {
        return TreeFixture.sample(work.resolve("source")).root();
    }

    @Nested
    class Passphrases {
        @Test
        void wrongPassphraseIsAClearErrorAndMakesNoArchive() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            ToolTarget wrong = repo.target(Map.of("passphrase", "not the passphrase"));

            assertThatThrownBy(() -> backup(newTool(), wrong, VOLUME, source(), FIRST_STAMP, new LocalCommandRunner()))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("failed (exit 2):\n  passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND"
                            + " or via BORG_PASSPHRASE_FD is incorrect.")
                    .hasMessageContaining("the passphrase of borg tool 'vault' (create vol-" + FIRST_STAMP
                            + ") is wrong: check 'passphrase' or 'passcommand' at <code> passphrase")
                    .hasMessageNotContaining("not the passphrase");
            assertThat(newTool().list(repo.target(Map.of()), VOLUME, context(stamp(1), new LocalCommandRunner())))
                    .isEmpty();
        }

        @Test
        void passcommandGivesThePassphrase() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path file = Files.writeString(work.resolve("pass"), BorgRepo.PASSPHRASE + "\n");
            ToolTarget t = repo.target(Map.of("passphrase", "", "passcommand", "cat " + file));

            BackupResult r = backup(newTool(), t, VOLUME, source(), FIRST_STAMP, new LocalCommandRunner());

            assertThat(newTool().list(t, VOLUME, context(stamp(1), new LocalCommandRunner())))
                    .extracting(ArchiveInfo::id).containsExactly(r.archive().id());
        }
    }

    @Nested
    class CreateAndExtract {
        @Test
        void backupReportsFilesBytesAndProgress() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            TestRunContext ctx = context(FIRST_STAMP, new LocalCommandRunner());

            BackupResult r = newTool().backup(new org.rdump.api.BackupRequest(repo.target(Map.of()), VOLUME, source(),
                    VOLUME + "-" + FIRST_STAMP), ctx);

            assertThat(r.archive().id()).isEqualTo("vol-" + FIRST_STAMP);
            // eight regular files, one of them a second hard link, which borg does not count again
            assertThat(r.files()).isEqualTo(7);
            assertThat(r.bytes()).isGreaterThan(1_500_000);
            assertThat(r.warnings()).isEmpty();
            assertThat(ctx.events()).anyMatch(e -> e instanceof RunEvent.Progress p && p.volume().equals(VOLUME)
                    && p.activity().equals("borg"));
        }

        @Test
        void missingRepositorySaysHowToMakeOne() {
            RequiredToolsGuard.borg();
            ToolTarget t = new ToolTarget("vault", "borg", org.rdump.api.Settings.of(Map.of(
                    "repo", work.resolve("nowhere").toString(), "passphrase", "unused",
                    "base_dir", work.resolve("base").toString())));

            assertThatThrownBy(() -> newTool().list(t, VOLUME, context(FIRST_STAMP, new LocalCommandRunner())))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("Repository " + work.resolve("nowhere") + " does not exist.")
                    .hasMessageContaining("or make one with: borg init --encryption=repokey REPO");
        }
    }

    @Nested
    class Wrapper {
        @Test
        void wrapperSuppliesTheRepositoryAndItsExit1IsAWarning() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path wrapper = repo.wrapper(work, 1);
            ToolTarget t = repo.target(Map.of("repo", "", "wrapper", wrapper.toString()));
            Path src = source();

            BackupResult r = backup(newTool(), t, VOLUME, src, FIRST_STAMP, new LocalCommandRunner());

            assertThat(r.warnings()).containsExactly("borg create exit 1 (warning): wrapper: pretending a warning");
            List<ArchiveInfo> listed = newTool().list(t, VOLUME, context(stamp(1), new LocalCommandRunner()));
            assertThat(listed).extracting(ArchiveInfo::id).containsExactly("vol-" + FIRST_STAMP);
            RestoredTree restored = newTool().restore(t, listed.get(0), work.resolve("restore"),
                    context(stamp(1), new LocalCommandRunner()));
            assertThat(TreeSnapshot.of(restored.root()).differencesFrom(TreeSnapshot.of(src))).isEmpty();
        }
    }

    @Nested
    class Prune {
        @Test
        void keepLastOneDeletesTheOlderArchivesOfThisVolumeOnly() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 1));
            Path src = source();
            LocalCommandRunner runner = new LocalCommandRunner();
            backup(newTool(), t, VOLUME, src, FIRST_STAMP, runner);
            backup(newTool(), t, VOLUME + "-old", src, stamp(1), runner);
            backup(newTool(), t, VOLUME, src, stamp(2), runner);

            newTool().prune(t, VOLUME, context(stamp(3), runner));

            assertThat(newTool().list(t, VOLUME, context(stamp(3), runner)))
                    .extracting(ArchiveInfo::id).containsExactly("vol-" + stamp(2));
            assertThat(newTool().list(t, VOLUME + "-old", context(stamp(3), runner)))
                    .extracting(ArchiveInfo::id).containsExactly("vol-old-" + stamp(1));
        }

        @Test
        void sizesComeFromOneBorgInfoOverThisVolumesArchivesOnly() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            ToolTarget t = repo.target(Map.of());
            Path src = source();
            LocalCommandRunner local = new LocalCommandRunner();
            backup(newTool(), t, VOLUME, src, FIRST_STAMP, local);
            backup(newTool(), t, VOLUME + "-old", src, stamp(1), local);
            backup(newTool(), t, VOLUME, src, stamp(2), local);
            List<ArchiveInfo> listed = newTool().list(t, VOLUME, context(stamp(3), local));
            long bytes;
            java.util.Set<Object> inodes = new java.util.HashSet<>();
            try (var walk = Files.walk(src)) { // a hard link's bytes are stored (and counted) once
                bytes = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> inodes.add(attribute(p, "unix:ino"))).mapToLong(p -> p.toFile().length()).sum();
            }
            org.rdump.testkit.CapturingCommandRunner runner = new org.rdump.testkit.CapturingCommandRunner(local);

            Map<String, Long> sizes = newTool().sizes(t, VOLUME, listed, context(stamp(3), runner));

            assertThat(sizes).containsOnlyKeys("vol-" + FIRST_STAMP, "vol-" + stamp(2));
            assertThat(sizes.values()).as("the files' bytes before compression").containsOnly(bytes);
            assertThat(runner.commands()).hasSize(1);
            assertThat(runner.commands().get(0).argv()).containsSubsequence("info", "--json", "--glob-archives");
        }

        @Test
        void aProtectedArchiveThatWouldBePrunedStopsThePruneWithAWarning() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 1));
            Path src = source();
            LocalCommandRunner runner = new LocalCommandRunner();
            backup(newTool(), t, VOLUME, src, FIRST_STAMP, runner);
            backup(newTool(), t, VOLUME, src, stamp(1), runner);
            backup(newTool(), t, VOLUME, src, stamp(2), runner);
            java.time.Instant failure = BorgBackupTool.stampOf("vol-" + stamp(1), VOLUME).orElseThrow().plusSeconds(1);
            TestRunContext ctx = context(stamp(3), runner);

            newTool().prune(t, VOLUME, org.rdump.api.PruneProtection.newestBefore(failure), ctx);

            assertThat(newTool().list(t, VOLUME, context(stamp(3), runner))).extracting(ArchiveInfo::id)
                    .containsExactly("vol-" + FIRST_STAMP, "vol-" + stamp(1), "vol-" + stamp(2));
            assertThat(ctx.events()).filteredOn(e -> e instanceof RunEvent.Warning).extracting(e -> ((RunEvent.Warning) e).message())
                    .containsExactly("borg 'vault': prune skipped: it would delete vol-" + stamp(1) + ", the newest"
                            + " archive before a guard failure of volume 'vol'; it prunes again once a backup of the"
                            + " volume has passed every guard");
        }

        @Test
        void aProtectedArchiveTheRulesKeepLetsThePruneRun() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 2));
            Path src = source();
            LocalCommandRunner runner = new LocalCommandRunner();
            backup(newTool(), t, VOLUME, src, FIRST_STAMP, runner);
            backup(newTool(), t, VOLUME, src, stamp(1), runner);
            backup(newTool(), t, VOLUME, src, stamp(2), runner);
            java.time.Instant failure = BorgBackupTool.stampOf("vol-" + stamp(2), VOLUME).orElseThrow().plusSeconds(1);

            newTool().prune(t, VOLUME, org.rdump.api.PruneProtection.newestBefore(failure), context(stamp(3), runner));

            // borg's rules go by creation time (here all within seconds): the prune ran, the protected archive stays
            assertThat(newTool().list(t, VOLUME, context(stamp(3), runner))).extracting(ArchiveInfo::id)
                    .hasSize(2).contains("vol-" + stamp(2));
        }
    }

    /**
     * Archives rdump would never make, crafted with borg itself: nothing they hold may be written
     * outside the restore target.
     */
    @Nested
    class Escapes {
        private ArchiveInfo only(BorgRepo repo) {
            List<ArchiveInfo> listed = newTool().list(repo.target(Map.of()), VOLUME,
                    context(stamp(1), new LocalCommandRunner()));
            assertThat(listed).hasSize(1);
            return listed.get(0);
        }

        @Test
        void aMemberBelowASymlinkMemberIsRefusedAndNothingOutsideIsWritten() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path outside = TreeFixture.at(work.resolve("outside")).file("dir/file", "outside\n").root();
            Path src = TreeFixture.at(work.resolve("src")).file("a", "a\n")
                    .symlink("link", outside.resolve("dir").toString()).root();
            // through the link, borg stores outside/dir/file as the member link/file
            repo.borg(src, "a\nlink\nlink/file\n", "create", "--paths-from-stdin", "::vol-" + FIRST_STAMP);
            Files.writeString(outside.resolve("dir/file"), "must stay\n");
            ArchiveInfo archive = only(repo);
            Path into = Files.createDirectories(work.resolve("into"));

            assertThatThrownBy(() -> newTool().restorePaths(repo.target(Map.of()), archive, List.of(), into,
                    context(stamp(1), new LocalCommandRunner())))
                    .isInstanceOf(org.rdump.api.RdumpException.class)
                    .hasMessage("borg archive vol-" + FIRST_STAMP + " in 'vault' holds a member that would be written"
                            + " outside " + into + ": 'link/file' lies below the symlink member 'link'; nothing was"
                            + " extracted (rdump never stores such a path: the archive was not made by rdump, or was"
                            + " altered)");
            assertThatThrownBy(() -> newTool().restore(repo.target(Map.of()), archive, work.resolve("scratch"),
                    context(stamp(1), new LocalCommandRunner())))
                    .hasMessageContaining("'link/file' lies below the symlink member 'link'");
            assertThat(Files.readString(outside.resolve("dir/file"))).isEqualTo("must stay\n");
            try (var s = Files.list(into)) {
                assertThat(s).isEmpty();
            }
        }

        @Test
        void aPathThroughTheSymlinkRestoresOnlyInsideTheTarget() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path outside = TreeFixture.at(work.resolve("outside")).file("dir/file", "outside\n").root();
            Path src = TreeFixture.at(work.resolve("src")).symlink("link", outside.resolve("dir").toString()).root();
            repo.borg(src, "link\nlink/file\n", "create", "--paths-from-stdin", "::vol-" + FIRST_STAMP);
            Files.writeString(outside.resolve("dir/file"), "must stay\n");
            Path into = Files.createDirectories(work.resolve("into"));

            newTool().restorePaths(repo.target(Map.of()), only(repo), List.of("link/file"), into,
                    context(stamp(1), new LocalCommandRunner()));

            // only the member link/file is extracted, under a real directory 'link'
            assertThat(Files.isSymbolicLink(into.resolve("link"))).isFalse();
            assertThat(Files.readString(into.resolve("link/file"))).isEqualTo("outside\n");
            assertThat(Files.readString(outside.resolve("dir/file"))).isEqualTo("must stay\n");
        }

        @Test
        void anExistingSymlinkInAnOverwrittenTargetIsNotWrittenThrough() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path outside = Files.createDirectories(work.resolve("outside"));
            Path src = TreeFixture.at(work.resolve("src")).file("etc/passwd", "from backup\n").root();
            ArchiveInfo archive = backup(newTool(), repo.target(Map.of()), VOLUME, src, FIRST_STAMP,
                    new LocalCommandRunner()).archive();
            Path into = TreeFixture.at(work.resolve("into")).symlink("etc", outside.toString()).root();

            assertThatThrownBy(() -> newTool().restorePaths(repo.target(Map.of()), archive, List.of("etc"), into,
                    context(stamp(1), new LocalCommandRunner())))
                    .hasMessageContaining(": 'etc/passwd' lies below 'etc', a symlink already in " + into + ";");
            try (var s = Files.list(outside)) {
                assertThat(s).isEmpty();
            }
        }

        @Test
        void aMemberWithADotDotPartIsRefusedAndNothingIsWritten() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path in = TreeFixture.at(work.resolve("tar")).file("y", "y\n").file("z", "z\n").root();
            new LocalCommandRunner().run(org.rdump.api.command.Command.of("tar", "-cf", "evil.tar", "-P",
                    "--transform=s,^y$,sub/../../y,;s,^z$,/abs/z,", "y", "z").withWorkingDirectory(in));
            repo.borg(in, "", "import-tar", "::vol-" + FIRST_STAMP, "evil.tar");
            Path into = Files.createDirectories(work.resolve("deep/into"));

            assertThatThrownBy(() -> newTool().restorePaths(repo.target(Map.of()), only(repo), List.of(), into,
                    context(stamp(1), new LocalCommandRunner())))
                    .hasMessage("borg archive vol-" + FIRST_STAMP + " in 'vault' holds a member that would be written"
                            + " outside " + into + ": 'sub/../../y' has a '..' part; nothing was extracted (rdump never"
                            + " stores such a path: the archive was not made by rdump, or was altered)");
            try (var s = Files.walk(work.resolve("deep"))) {
                assertThat(s).containsExactlyInAnyOrder(work.resolve("deep"), into);
            }
        }

        @Test
        void borgStoresAnAbsoluteOrDotDotLeadingPathInsideTheArchive() throws Exception {
            BorgRepo repo = BorgRepo.init(work);
            Path in = TreeFixture.at(work.resolve("tar")).file("x", "x\n").file("z", "z\n").root();
            new LocalCommandRunner().run(org.rdump.api.command.Command.of("tar", "-cf", "evil.tar", "-P",
                    "--transform=s,^x$,../x,;s,^z$,/abs/z,", "x", "z").withWorkingDirectory(in));
            repo.borg(in, "", "import-tar", "::vol-" + FIRST_STAMP, "evil.tar");
            Path into = Files.createDirectories(work.resolve("deep/into"));

            newTool().restorePaths(repo.target(Map.of()), only(repo), List.of(), into,
                    context(stamp(1), new LocalCommandRunner()));

            assertThat(Files.readString(into.resolve("x"))).isEqualTo("x\n");
            assertThat(Files.readString(into.resolve("abs/z"))).isEqualTo("z\n");
            assertThat(Files.exists(work.resolve("deep/x"))).isFalse();
            assertThat(Files.exists(Path.of("/abs"))).isFalse();
        }
    }
}
