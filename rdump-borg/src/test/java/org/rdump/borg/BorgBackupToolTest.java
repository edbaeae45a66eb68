package org.rdump.borg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;
import org.rdump.testkit.TestRunContext;

/** BorgBackupTool with a recording runner: settings, secrets, borg's messages and exit codes. */
class BorgBackupToolTest {
    private static final String PASS = "hunter2-but-longer";

    @TempDir
    Path work;

    private final BorgBackupTool tool = new BorgBackupTool();

    private static ToolTarget target(Map<String, Object> settings) {
        return new ToolTarget("vault", "borg", Settings.of(settings));
    }

    private static final ToolTarget VAULT = target(Map.of("repo", "/backup/borg", "passphrase", PASS, "keep_last", 3));

    private TestRunContext recording(RecordingCommandRunner runner) {
        return TestRunContext.recording(runner, work.resolve("scratch"));
    }

    private BackupResult backup(ToolTarget t, TestRunContext ctx) throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        return tool.backup(new BackupRequest(t, "root", src, "root-20261124T101500Z"), ctx);
    }

    private static String log(String level, String msgid, String message) {
        return "{\"type\": \"log_message\", \"time\": 1.0, \"message\": \"" + message + "\", \"levelname\": \""
                + level + "\", \"name\": \"borg.archiver\", \"msgid\": \"" + msgid + "\"}\n";
    }

    @Test
    void idAndSchema() {
        assertThat(tool.id()).isEqualTo("borg");
        assertThat(tool.schema().keys()).extracting(SettingsSchema.Key::name).containsExactly("repo", "passphrase",
                "passcommand", "wrapper", "keep_last", "keep_daily", "keep_weekly", "keep_monthly", "keep_yearly", "keep_verified",
                "compact", "rsh", "base_dir", "env", "create_args");
    }

    @Nested
    class SettingsChecks {
        @Test
        void repoIsRequiredWithoutAWrapper() {
            assertThatThrownBy(() -> BorgSettings.from(Settings.of(Map.of("passphrase", PASS))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalid configuration: <code> repo: missing required key 'repo' (the borg repository);"
                            + " it may be left out only when 'wrapper' is set");
        }

        @Test
        void passphraseAndPasscommandExcludeEachOther() {
            assertThatThrownBy(() -> BorgSettings.from(Settings.of(Map.of("repo", "/r", "passphrase", PASS,
                    "passcommand", "cat /x")))).hasMessageContaining("set either 'passphrase' or 'passcommand', not both");
        }

        @Test
        void envEntriesNeedANameAndDoNotEchoTheirValue() {
            assertThatThrownBy(() -> BorgSettings.from(Settings.of(Map.of("repo", "/r", "env", List.of("9X=topsecret")))))
                    .hasMessageContaining("expected NAME=value, found '9X=...'")
                    .hasMessageNotContaining("topsecret");
        }
    }

    @Test
    void thePassphraseIsInNoArgumentVectorOfAnyOperation() throws Exception {
        RecordingCommandRunner runner = new RecordingCommandRunner();
        TestRunContext ctx = recording(runner);

        backup(VAULT, ctx);
        tool.list(VAULT, "root", ctx);
        tool.restore(VAULT, new ArchiveInfo("root-20261124T101500Z", "root", Instant.EPOCH, Map.of()),
                work.resolve("restore"), ctx);
        tool.prune(VAULT, "root", ctx);

        assertThat(runner.argvs()).extracting(a -> a.get(1)).containsExactly("create", "list", "list", "extract", "prune", "compact");
        for (Command c : runner.commands()) {
            assertThat(c.argv()).noneMatch(a -> a.contains(PASS));
            assertThat(c.toString()).doesNotContain(PASS);
            assertThat(c.environment().get("BORG_PASSPHRASE").reveal()).isEqualTo(PASS);
        }
    }

    @Test
    void wrongPassphraseShowsBorgsMessageAndWhereToFixIt() {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.fail(2, log("ERROR", "PassphraseWrong",
                "passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.")));

        assertThatThrownBy(() -> backup(VAULT, recording(runner)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageEndingWith("failed (exit 2):\n"
                        + "  passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.\n"
                        + "the passphrase of borg tool 'vault' (create root-20261124T101500Z) is wrong:"
                        + " check 'passphrase' or 'passcommand' at <code> passphrase");
    }

    @Test
    void aLockHeldByAnotherBorgSaysSo() {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.fail(2,
                log("ERROR", "LockTimeout", "Failed to create/acquire the lock /backup/borg/lock.exclusive (timeout).")));

        assertThatThrownBy(() -> tool.list(VAULT, "root", recording(runner)))
                .hasMessageEndingWith("another borg process holds the repository lock of borg tool 'vault' (list);"
                        + " wait for it, or if none is running, run: borg break-lock REPO");
    }

    @Test
    void secretsInBorgsMessagesAreMasked() {
        ToolTarget t = target(Map.of("repo", "/r", "passcommand", "gpg -d /root/borg-pass.gpg"));
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.fail(2, log("ERROR", "PasscommandFailure",
                "passcommand supplied in BORG_PASSCOMMAND failed: gpg -d /root/borg-pass.gpg exited 2")));

        assertThatThrownBy(() -> tool.list(t, "root", recording(runner)))
                .hasMessageContaining("passcommand supplied in BORG_PASSCOMMAND failed: ****** exited 2")
                .hasMessageNotContaining("borg-pass.gpg");
    }

    @Test
    void exit1IsAWarningWithBorgsWarningMessages() throws Exception {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> new Reply(1, BorgJsonParserTest.CREATE,
                log("WARNING", "", "/src/db: file changed while we backed it up")));

        BackupResult r = backup(VAULT, recording(runner));

        assertThat(r.warnings()).containsExactly("borg create exit 1 (warning): /src/db: file changed while we backed it up");
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(2000567);
        assertThat(r.archive().time()).isEqualTo(Instant.parse("2026-11-24T10:15:00Z"));
    }

    @Test
    void listKeepsOnlyThisVolumesArchivesOldestFirst() {
        String json = "{\"archives\": ["
                + "{\"name\": \"root-20261125T000000Z\", \"id\": \"b\", \"start\": \"x\"},"
                + "{\"name\": \"root-old-20261101T000000Z\", \"id\": \"c\", \"start\": \"x\"},"
                + "{\"name\": \"root-20261124T000000Z\", \"id\": \"a\", \"start\": \"x\"},"
                + "{\"name\": \"root-manual\", \"id\": \"d\", \"start\": \"x\"}]}";
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.ok(json));

        List<ArchiveInfo> listed = tool.list(VAULT, "root", recording(runner));

        assertThat(listed).extracting(ArchiveInfo::id).containsExactly("root-20261124T000000Z", "root-20261125T000000Z");
        assertThat(listed.get(0).time()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(listed.get(0).details()).containsEntry("id", "a");
    }

    @Test
    void aMissingWrapperSaysWhichSettingToCheck() throws Exception {
        ToolTarget t = target(Map.of("wrapper", work.resolve("no-such-borg.sh").toString()));
        TestRunContext ctx = TestRunContext.real(work.resolve("scratch"));

        assertThatThrownBy(() -> tool.list(t, "root", ctx))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageEndingWith("check 'wrapper' at <code> wrapper: it must exist and be executable");
    }

    @org.junit.jupiter.api.Test
    void theRepositoryIsTheResourceALocalOneByItsRealPath() throws Exception {
        java.nio.file.Path real = java.nio.file.Files.createDirectories(work.resolve("real"));
        java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(work.resolve("link"), real);
        assertThat(tool.resources(VAULT)).containsExactly("borg:/backup/borg");
        assertThat(tool.resources(target(Map.of("repo", link.resolve("repo").toString()))))
                .containsExactly("borg:" + real.toRealPath().resolve("repo"));
        assertThat(tool.resources(target(Map.of("repo", "ssh://u@host/./repo")))).containsExactly("borg:ssh://u@host/./repo");
        assertThat(tool.resources(target(Map.of("repo", "u@host:repo")))).containsExactly("borg:u@host:repo");
        assertThat(tool.resources(target(Map.of("wrapper", "/usr/local/bin/borg-wrapper")))).isEmpty();
        assertThat(new org.rdump.api.support.BackupStep(tool, new org.rdump.api.BackupRequest(VAULT, "root",
                work, "root-S")).resources()).containsExactly("borg:/backup/borg");
    }
}
