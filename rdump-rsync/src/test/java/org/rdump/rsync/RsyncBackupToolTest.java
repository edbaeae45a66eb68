package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;
import org.rdump.testkit.TestRunContext;

/** RsyncBackupTool with a recording runner: exit codes, progress, settings, dry runs. */
class RsyncBackupToolTest {
    @TempDir
    Path work;

    private final RsyncBackupTool tool = new RsyncBackupTool();

    private ToolTarget target(Map<String, Object> settings) {
        return new ToolTarget("t", "rsync", Settings.of(settings));
    }

    private ToolTarget mirror() {
        return target(Map.of("dest", work.resolve("dest").toString()));
    }

    private Path source() throws Exception {
        return Files.createDirectories(work.resolve("src"));
    }

    private BackupResult backup(ToolTarget t, TestRunContext ctx) throws Exception {
        return tool.backup(new BackupRequest(t, "root", source(), "root-" + ctx.runStamp()), ctx);
    }

    @Test
    void idAndSchema() {
        assertThat(tool.id()).isEqualTo("rsync");
        assertThat(tool.schema().keys()).extracting(SettingsSchema.Key::name)
                .containsExactly("dest", "ssh", "mode", "full_every", "keep", "keep_verified", "acls_xattrs", "tolerate_errors", "extra_args", "program",
                        "rsync_path");
        assertThat(tool.schema().key("dest").orElseThrow().required()).isTrue();
    }

    @Nested
    class RemoteDestinations {
        private RsyncSettings settings(Map<String, Object> m) {
            return RsyncSettings.from(Settings.of(m));
        }

        @Test
        void hostAndPathBecomeAnSshStoreWithTheSshOptions() {
            RsyncSettings s = settings(Map.of("dest", "backup@nas:/srv/my backups", "ssh", Map.of("port", 2222L,
                    "identity_file", "/etc/rdump/id key", "options", List.of("UserKnownHostsFile=/etc/rdump/known_hosts"))));

            assertThat(s.dest()).isEqualTo(Path.of("/srv/my backups"));
            SshStore store = (SshStore) s.store();
            assertThat(store.ssh().argv()).containsExactly("ssh", "-o", "BatchMode=yes", "-p", "2222", "-i",
                    "/etc/rdump/id key", "-o", "UserKnownHostsFile=/etc/rdump/known_hosts");
            assertThat(store.rsyncOptions()).containsExactly("-s", "-e", "ssh -o BatchMode=yes -p 2222 -i"
                    + " '/etc/rdump/id key' -o UserKnownHostsFile=/etc/rdump/known_hosts");
            assertThat(store.remote("rm", "-rf", "--", "/srv/my backups/v/20261124T101500Z").argv())
                    .containsExactly("ssh", "-o", "BatchMode=yes", "-p", "2222", "-i", "/etc/rdump/id key", "-o",
                            "UserKnownHostsFile=/etc/rdump/known_hosts", "--", "backup@nas",
                            "rm -rf -- '/srv/my backups/v/20261124T101500Z'");
            assertThat(RsyncCommands.dated(s, Path.of("/snap"), Path.of("/srv/my backups/v/20261124T101500Z.partial"),
                    java.util.Optional.of("20261123T101500Z")).argv()).endsWith("--link-dest=../20261123T101500Z",
                    "/snap/.", "backup@nas:/srv/my backups/v/20261124T101500Z.partial/.");
        }

        @Test
        void optionsThatTurnOffHostKeyCheckingOrRunCommandsAreRefused() {
            for (String o : List.of("StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null", "ProxyCommand=nc %h %p",
                    "BatchMode=no", "no-equals-sign")) {
                assertThatThrownBy(() -> settings(Map.of("dest", "nas:/b", "ssh", Map.of("options", List.of(o)))))
                        .as(o).isInstanceOf(ConfigException.class).hasMessageContaining("the ssh option '" + o + "'");
            }
            assertThatThrownBy(() -> settings(Map.of("dest", "nas:/b", "ssh", Map.of("identity_file", "/k\nx"))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("control character");
        }

        @Test
        void aRelativeRemotePathABadHostOrSshForALocalDestAreRefused() {
            assertThatThrownBy(() -> settings(Map.of("dest", "nas:backups"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("needs an absolute path after the ':'");
            assertThatThrownBy(() -> settings(Map.of("dest", "-oProxyCommand=x:/b"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("is not [user@]host");
            assertThatThrownBy(() -> settings(Map.of("dest", "/local", "ssh", Map.of("port", 22L))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'ssh' is for a remote dest");
        }

        @Test
        void deleteTreeRefusesANameThatIsNotADatedCopy() {
            SshStore store = (SshStore) settings(Map.of("dest", "nas:/b")).store();
            RecordingCommandRunner runner = new RecordingCommandRunner();

            assertThatThrownBy(() -> store.deleteTree(Path.of("/b/v/notes"),
                    TestRunContext.recording(runner, work))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a dated copy's name, refusing to delete nas:/b/v/notes");
            assertThat(runner.argvs()).isEmpty();
        }
    }

    @Test
    void missingSourceNamesTheVolumeAndThePath() {
        Path missing = work.resolve("gone");
        TestRunContext ctx = TestRunContext.recording(new RecordingCommandRunner(), work.resolve("scratch"));

        assertThatThrownBy(() -> tool.backup(new BackupRequest(mirror(), "root", missing, "root-x"), ctx))
                .isInstanceOf(RdumpException.class)
                .hasMessage("rsync backup of volume 'root': source " + missing + " is not a directory (missing or"
                        + " not mounted); check the volume's mount point or snapshot");
    }

    @Nested
    class ExitCodes {
        @Test
        void exit24IsAWarningAndTheMirrorIsComplete() throws Exception {
            RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.fail(24,
                    "file has vanished: \"/src/tmp/x\"\nrsync warning: some files vanished before they could be transferred (code 24)"));
            TestRunContext ctx = TestRunContext.recording(runner, work.resolve("scratch"));

            BackupResult r = backup(mirror(), ctx);

            assertThat(r.warnings()).containsExactly("rsync exit 24 (partial transfer due to vanished source files): "
                    + "file has vanished: \"/src/tmp/x\"\n"
                    + "rsync warning: some files vanished before they could be transferred (code 24)");
            assertThat(tool.list(mirror(), "root", ctx)).extracting(ArchiveInfo::id).containsExactly("mirror");
        }

        @Test
        void exit11FailsWithWhatItMeansAndTheMirrorIsNotComplete() throws Exception {
            RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.fail(11, "rsync: write failed: No space left on device (28)"));
            TestRunContext ctx = TestRunContext.recording(runner, work.resolve("scratch"));

            assertThatThrownBy(() -> backup(mirror(), ctx))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("failed (exit 11):\n  rsync: write failed: No space left on device (28)\n"
                            + "rsync exit 11 means: error in file I/O");
            assertThat(tool.list(mirror(), "root", ctx)).isEmpty();
        }

        @Test
        void exit23IsAWarningWhenErrorsAreTolerated() throws Exception {
            RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.fail(23, "rsync: open \"/x\" failed"));
            TestRunContext ctx = TestRunContext.recording(runner, work.resolve("scratch"));
            ToolTarget t = target(Map.of("dest", work.resolve("dest").toString(), "tolerate_errors", true));

            assertThat(backup(t, ctx).warnings()).singleElement().asString()
                    .isEqualTo("rsync exit 23 (partial transfer due to error: some files were not copied): rsync: open \"/x\" failed");
        }
    }

    @Test
    void progressLinesBecomeProgressEventsAndTheResultCountsTheLastOne() throws Exception {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.ok(
                "         32,768   1%    0.00kB/s    0:00:00\n"
                        + "      3,000,003 100%  707.44MB/s    0:00:00 (xfr#2, to-chk=0/5)\n"));
        TestRunContext ctx = TestRunContext.recording(runner, work.resolve("scratch"));

        BackupResult r = backup(mirror(), ctx);

        assertThat(r.bytes()).isEqualTo(3_000_003);
        assertThat(r.files()).isEqualTo(2);
        List<RunEvent.Progress> progress = ctx.events().stream().filter(e -> e instanceof RunEvent.Progress)
                .map(e -> (RunEvent.Progress) e).toList();
        assertThat(progress).isNotEmpty();
        RunEvent.Progress last = progress.get(progress.size() - 1);
        assertThat(last.volume()).isEqualTo("root");
        assertThat(last.bytesDone()).isEqualTo(3_000_003);
        assertThat(last.percent()).as("rsync's own percentage, as a percentage").isEqualTo(100);
        assertThat(last.done()).as("files checked of those known (to-chk=0/5)").isEqualTo(5);
        assertThat(last.total()).isEqualTo(5);
        assertThat(r.counted()).as("rsync counts what it transferred").isEqualTo(BackupResult.Counted.TRANSFERRED);
    }

    @Nested
    class DryRun {
        private TestRunContext dry() {
            return new TestRunContext(new RecordingCommandRunner(), Clock.systemUTC(), true, "20261124T101500Z",
                    work.resolve("scratch"));
        }

        @Test
        void backupChangesNothingOnDisk() throws Exception {
            ToolTarget t = target(Map.of("dest", work.resolve("dest").toString(), "mode", "versioned"));
            TestRunContext ctx = dry();

            backup(t, ctx);

            assertThat(work.resolve("dest")).doesNotExist();
            assertThat(((RecordingCommandRunner) ctx.runner()).argvs()).singleElement()
                    .asList().last().isEqualTo(work.resolve("dest/root/20261124T101500Z.partial") + "/.");
        }

        @Test
        void pruneDeletesNothingAndSaysWhatItWouldDelete() throws Exception {
            Path old = Files.createDirectories(work.resolve("dest/root/20200101T000000Z"));
            Files.createDirectories(work.resolve("dest/root/20200102T000000Z"));
            ToolTarget t = target(Map.of("dest", work.resolve("dest").toString(), "mode", "versioned", "keep", 1));
            TestRunContext ctx = dry();

            tool.prune(t, "root", ctx);

            assertThat(old).isDirectory();
            assertThat(ctx.events()).containsExactly(new RunEvent.DryRun("delete the dated copy " + old));
        }
    }

    @Test
    void listShowsOnlyCompleteDatedCopiesOldestFirst() throws Exception {
        for (String d : List.of("20261124T101500Z", "20250101T000000Z", "20261125T000000Z.partial", "notes", "2026")) {
            Files.createDirectories(work.resolve("dest/root").resolve(d));
        }
        ToolTarget t = target(Map.of("dest", work.resolve("dest").toString(), "mode", "versioned"));

        List<ArchiveInfo> listed = tool.list(t, "root", TestRunContext.recording(new RecordingCommandRunner(), work));

        assertThat(listed).extracting(ArchiveInfo::id).containsExactly("20250101T000000Z", "20261124T101500Z");
        assertThat(listed.get(0).time()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void restoreOfAnUnknownCopySaysWhereItLooked() {
        ToolTarget t = target(Map.of("dest", work.resolve("dest").toString(), "mode", "versioned"));
        ArchiveInfo unknown = new ArchiveInfo("20200101T000000Z", "root", Instant.EPOCH, Map.of());

        assertThatThrownBy(() -> tool.restore(t, unknown, work, TestRunContext.recording(new RecordingCommandRunner(), work)))
                .isInstanceOf(RdumpException.class)
                .hasMessage("no complete dated copy '20200101T000000Z' of volume 'root' in " + work.resolve("dest/root")
                        + "; 'rdump list' shows the copies there are");
    }

    @Test
    void theDestinationDirectoryIsTheResourceByItsRealPath(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path real = java.nio.file.Files.createDirectories(dir.resolve("real"));
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link"), real);
        assertThat(new RsyncBackupTool().resources(target(Map.of("dest", link.toString()))))
                .containsExactly("rsync:" + real.toRealPath());
        assertThat(new RsyncBackupTool().resources(target(Map.of("dest", "/backup/mirror/"))))
                .containsExactly("rsync:/backup/mirror");
    }
}
