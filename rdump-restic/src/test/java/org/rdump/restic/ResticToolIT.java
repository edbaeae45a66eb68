package org.rdump.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.PruneProtection;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.CapturingCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/** restic's own behaviour against real restic 0.14: passwords, exit codes, progress, locks, retention. */
class ResticToolIT {
    private static final String FIRST = "20261124T101500Z";

    @TempDir
    Path work;

    private final ResticBackupTool tool = new ResticBackupTool();

    private static String stamp(int minutes) {
        return ArchiveInfo.STAMP.format(Instant.from(ArchiveInfo.STAMP.parse(FIRST)).plusSeconds(60L * minutes));
    }

    private TestRunContext context(String stamp) {
        return context(stamp, new LocalCommandRunner());
    }

    private TestRunContext context(String stamp, org.rdump.api.command.CommandRunner runner) {
        return new TestRunContext(runner, Clock.fixed(Instant.from(ArchiveInfo.STAMP.parse(stamp)), ZoneOffset.UTC),
                false, stamp, work.resolve("scratch-" + stamp));
    }

    private BackupResult backup(ToolTarget t, String volume, Path src, String stamp) {
        return tool.backup(new BackupRequest(t, volume, src, volume + "-" + stamp), context(stamp));
    }

    private Path source() {
        return TreeFixture.sample(work.resolve("source")).root();
    }

    private List<String> stamps(ToolTarget t, String volume) {
        return tool.list(t, volume, context(stamp(50))).stream().map(ArchiveInfo::stamp).toList();
    }

    @Nested
    class Passwords {
        @Test
        void wrongPasswordIsAClearErrorAndMakesNoSnapshot() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            Path wrong = Files.writeString(work.resolve("wrong"), "not the password\n");
            ToolTarget t = repo.target(Map.of("password_file", wrong.toString()));

            assertThatThrownBy(() -> backup(t, "vol", source(), FIRST))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("failed (exit 1):\n  Fatal: wrong password or no key found")
                    .hasMessageContaining("the password of restic tool 'vault' (snapshots) is wrong: check"
                            + " 'password_file' at <code> password_file");
            assertThat(stamps(repo.target(Map.of()), "vol")).isEmpty();
        }

        @Test
        void passwordCommandGivesThePasswordAndIsNeverShown() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of("password_file", "", "password_command", "cat " + repo.passwordFile));
            CapturingCommandRunner runner = new CapturingCommandRunner(new LocalCommandRunner());

            BackupResult r = tool.backup(new BackupRequest(t, "vol", source(), "vol-" + FIRST), context(FIRST, runner));

            assertThat(stamps(t, "vol")).containsExactly(FIRST);
            assertThat(r.archive().stamp()).isEqualTo(FIRST);
            for (Command c : runner.commands()) {
                assertThat(c.argv()).noneMatch(a -> a.contains("cat ") || a.contains(ResticRepo.PASSWORD));
                assertThat(c.environment()).containsKey("RESTIC_PASSWORD_COMMAND");
                assertThat(c.toString()).contains("RESTIC_PASSWORD_COMMAND=******").doesNotContain("cat ");
            }
        }

        @Test
        void aFailingPasswordCommandNamesTheSetting() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of("password_file", "", "password_command", "false"));

            assertThatThrownBy(() -> tool.list(t, "vol", context(FIRST)))
                    .hasMessageContaining("Resolving password failed")
                    .hasMessageContaining("the password of restic tool 'vault' (snapshots) could not be read: check"
                            + " 'password_command' at <code> password_command");
        }
    }

    @Nested
    class BackupAndRestore {
        @Test
        void backupReportsFilesBytesProgressAndTheSnapshotsTags() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            TestRunContext ctx = context(FIRST);

            BackupResult r = tool.backup(new BackupRequest(repo.target(Map.of()), "vol", source(), "vol-" + FIRST), ctx);

            assertThat(r.archive().id()).matches("[0-9a-f]{8}");
            assertThat(r.files()).isEqualTo(8); // the sample's eight regular files (restic counts a hard link's second name)
            assertThat(r.bytes()).isGreaterThan(1_500_000);
            assertThat(r.warnings()).isEmpty();
            assertThat(ctx.events()).anyMatch(e -> e instanceof RunEvent.Progress p && p.volume().equals("vol")
                    && p.activity().equals("restic"));
            String json = repo.restic(work, "snapshots", "--json").stdout();
            assertThat(ResticJsonParser.snapshots(json)).singleElement().satisfies(s -> {
                assertThat(s.tags()).containsExactly("rdump-volume=vol", "rdump-stamp=" + FIRST);
                assertThat(s.hostname()).isEqualTo("rdump-test");
                assertThat(s.time()).isEqualTo("2026-11-24T10:15:00Z");
                assertThat(s.shortId()).isEqualTo(r.archive().id());
            });
        }

        @Test
        void theNextBackupUsesTheVolumesNewestSnapshotAsParentWhateverItsPath() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of());
            Path first = TreeFixture.sample(work.resolve("clone-1")).root();
            backup(t, "vol", first, FIRST);
            Path second = TreeFixture.sample(work.resolve("clone-2")).root();
            CapturingCommandRunner runner = new CapturingCommandRunner(new LocalCommandRunner());

            tool.backup(new BackupRequest(t, "vol", second, "vol-" + stamp(1)), context(stamp(1), runner));

            String parent = tool.list(t, "vol", context(stamp(2))).get(0).details().get("id");
            assertThat(runner.commands()).filteredOn(c -> c.argv().contains("backup")).singleElement()
                    .satisfies(c -> assertThat(c.argv()).containsSubsequence("--parent", parent));
        }

        @Test
        void missingRepositorySaysHowToMakeOne() throws Exception {
            RequiredTools.need("restic", "restic");
            Path pw = Files.writeString(work.resolve("pw"), "x\n");
            ToolTarget t = new ToolTarget("vault", "restic", Settings.of(Map.of("repo", work.resolve("nowhere").toString(),
                    "password_file", pw.toString(), "cache_dir", work.resolve("cache").toString())));

            assertThatThrownBy(() -> tool.list(t, "vol", context(FIRST)))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("Is there a repository at the following location?")
                    .hasMessageContaining("no restic repository for restic tool 'vault' (snapshots): check 'repo' at"
                            + " <code> repo, or make one with: restic init");
            assertThat(work.resolve("nowhere")).doesNotExist();
        }

        @Test
        void aFileResticCannotReadIsAWarningAndTheSnapshotStands() throws Exception {
            RequiredTools.need("restic", "restic", "setpriv");
            boolean root = "0".equals(new LocalCommandRunner().run(Command.of("id", "-u")).stdout().strip());
            // As root every file is readable: run restic as nobody through 'program', as one runs restic
            // unprivileged (the source stays root's, and one file is readable by root only).
            Path dir = Files.createTempDirectory("rdump-restic-unreadable");
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                Path src = TreeFixture.at(dir.resolve("src")).file("a.txt", "a\n").file("secret.txt", "secret\n").root();
                Files.setPosixFilePermissions(src.resolve("secret.txt"), PosixFilePermissions.fromString("---------"));
                Path program = Files.writeString(dir.resolve("restic-as-nobody"), root
                        ? "#!/bin/sh\nexec setpriv --reuid=nobody --regid=nogroup --clear-groups restic \"$@\"\n"
                        : "#!/bin/sh\nexec restic \"$@\"\n");
                Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path pw = Files.writeString(dir.resolve("pw"), ResticRepo.PASSWORD + "\n");
                Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
                ToolTarget t = new ToolTarget("vault", "restic", Settings.of(Map.of("repo", dir.resolve("repo").toString(),
                        "password_file", pw.toString(), "cache_dir", dir.resolve("cache").toString(),
                        "program", program.toString())));
                new LocalCommandRunner().run(Command.of(program.toString(), "init")
                        .withEnv("RESTIC_REPOSITORY", dir.resolve("repo").toString())
                        .withEnv("RESTIC_PASSWORD_FILE", pw.toString())
                        .withEnv("RESTIC_CACHE_DIR", dir.resolve("cache").toString()));

                BackupResult r = tool.backup(new BackupRequest(t, "vol", src, "vol-" + FIRST), context(FIRST));

                assertThat(r.warnings()).containsExactly("restic backup exit 3 (warning): some files could not be"
                        + " read, and the snapshot lacks them: 'secret.txt' (open secret.txt: permission denied)");
                List<ArchiveInfo> listed = tool.list(t, "vol", context(stamp(1)));
                assertThat(listed).extracting(ArchiveInfo::stamp).containsExactly(FIRST);
                Path out = Files.createDirectories(dir.resolve("out"));
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
                tool.restorePaths(t, listed.get(0), List.of(), out, context(stamp(1)));
                assertThat(TreeSnapshot.of(out).entries().keySet()).containsExactly("a.txt");
            } finally {
                org.rdump.api.support.Trees.delete(dir);
            }
        }
    }

    @Nested
    class Locks {
        /** A restic process that holds a lock on the repository until it is killed. */
        private Process holdLock(ResticRepo repo) throws Exception {
            ProcessBuilder pb = new ProcessBuilder("restic", "backup", "--stdin", "--host", "other");
            pb.environment().put("RESTIC_REPOSITORY", repo.repo.toString());
            pb.environment().put("RESTIC_PASSWORD_FILE", repo.passwordFile.toString());
            pb.environment().put("RESTIC_CACHE_DIR", repo.cache.toString());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            for (int i = 0; i < 600 && isEmpty(repo.repo.resolve("locks")); i++) {
                Thread.sleep(50);
            }
            assertThat(isEmpty(repo.repo.resolve("locks"))).as("restic took its lock").isFalse();
            return p;
        }

        private boolean isEmpty(Path dir) throws Exception {
            try (var s = Files.list(dir)) {
                return s.findAny().isEmpty();
            }
        }

        @Test
        void aLiveLockFailsWithAHintAndAStaleOneIsRemovedAndTheForgetRunsAgain() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 1));
            Path src = source();
            backup(t, "vol", src, FIRST);
            backup(t, "vol", src, stamp(1));
            Process holder = holdLock(repo);
            try {
                assertThatThrownBy(() -> tool.prune(t, "vol", context(stamp(2))))
                        .isInstanceOf(CommandFailedException.class)
                        .hasMessageContaining("repository is already locked by PID " + holder.pid())
                        .hasMessageContaining("another restic process holds the repository lock of restic tool 'vault'"
                                + " (forget); wait for it, or if none is running, run: restic unlock");
            } finally {
                holder.destroyForcibly().waitFor(); // SIGKILL: restic cannot remove its lock
            }
            assertThat(isEmpty(repo.repo.resolve("locks"))).as("the killed restic's lock stays").isFalse();
            TestRunContext ctx = context(stamp(2));

            tool.prune(t, "vol", ctx);

            assertThat(stamps(t, "vol")).containsExactly(stamp(1));
            assertThat(ctx.events()).filteredOn(e -> e instanceof RunEvent.Warning).extracting(e -> ((RunEvent.Warning) e).message())
                    .containsExactly("restic 'vault': the repository was locked; removed stale locks (restic unlock:"
                            + " locks of restic processes that are gone) and ran forget again");
            assertThat(isEmpty(repo.repo.resolve("locks"))).isTrue();
        }
    }

    @Nested
    class Retention {
        @Test
        void keepLastOneForgetsTheOlderSnapshotsOfThisVolumeOnly() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 1));
            Path src = source();
            backup(t, "vol", src, FIRST);
            backup(t, "vol-old", src, stamp(1));
            backup(t, "vol", src, stamp(2));

            tool.prune(t, "vol", context(stamp(3)));

            assertThat(stamps(t, "vol")).containsExactly(stamp(2));
            assertThat(stamps(t, "vol-old")).containsExactly(stamp(1));
        }

        @Test
        void theProvenSnapshotStaysBesideWhatTheRulesKeep() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 1));
            Path src = source();
            backup(t, "vol", src, FIRST);
            backup(t, "vol", src, stamp(1));
            backup(t, "vol", src, stamp(2));
            Instant proven = Instant.from(ArchiveInfo.STAMP.parse(FIRST));
            TestRunContext ctx = context(stamp(3));

            tool.prune(t, "vol", PruneProtection.keeping(proven, "is the newest backup proven restorable (test)"), ctx);

            assertThat(stamps(t, "vol")).containsExactly(FIRST, stamp(2));
            List<String> reports = new ArrayList<>();
            ctx.events().forEach(e -> {
                if (e instanceof RunEvent.Report r) {
                    reports.add(r.message());
                }
            });
            assertThat(reports).hasSize(2);
            assertThat(reports.get(0)).startsWith("restic 'vault': kept: " + FIRST + " is the newest backup proven"
                    + " restorable (test) (snapshot ").endsWith(", which the keep_* rules would forget)");
            assertThat(reports.get(1)).startsWith("restic 'vault': forgot snapshot ")
                    .endsWith(" (" + stamp(1) + ", keep_* rules)");
        }

        @Test
        void aGuardProtectedSnapshotTheRulesWouldForgetStopsTheForgetWithAWarning() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of("keep_last", 1));
            Path src = source();
            backup(t, "vol", src, FIRST);
            backup(t, "vol", src, stamp(1));
            backup(t, "vol", src, stamp(2));
            Instant failure = Instant.from(ArchiveInfo.STAMP.parse(stamp(1))).plusSeconds(1);
            TestRunContext ctx = context(stamp(3));

            tool.prune(t, "vol", PruneProtection.newestBefore(failure), ctx);

            assertThat(stamps(t, "vol")).containsExactly(FIRST, stamp(1), stamp(2));
            assertThat(ctx.events()).filteredOn(e -> e instanceof RunEvent.Warning)
                    .extracting(e -> ((RunEvent.Warning) e).message()).singleElement().asString()
                    .startsWith("restic 'vault': forget skipped: it would forget ")
                    .endsWith(" (" + stamp(1) + "), the newest snapshot before a guard failure of volume 'vol'; it"
                            + " forgets again once a backup of the volume has passed every guard");
        }

        @Test
        void sizesAreWhatARestoreWrites() throws Exception {
            ResticRepo repo = ResticRepo.init(work);
            ToolTarget t = repo.target(Map.of());
            Path src = TreeFixture.at(work.resolve("src")).file("a", "12345").file("b/c", "678").root();
            backup(t, "vol", src, FIRST);
            List<ArchiveInfo> listed = tool.list(t, "vol", context(stamp(1)));

            assertThat(tool.sizes(t, "vol", listed, context(stamp(1)))).containsExactly(Map.entry(listed.get(0).id(), 8L));
        }
    }
}
