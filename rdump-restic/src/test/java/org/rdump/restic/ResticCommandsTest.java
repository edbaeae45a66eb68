package org.rdump.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;

/** The exact argument vectors and environments of the restic commands rdump runs. */
class ResticCommandsTest {
    private static final String ID = "3239e3ac5ad854cdbfafd4118d610f66d21a14d0725fe31da478a0003eef451c";

    private static ResticSettings settings(Map<String, Object> more) {
        Map<String, Object> s = new java.util.HashMap<>(Map.of("repo", "/backup/restic",
                "password_file", "/etc/rdump/restic-pass", "host", "web1"));
        s.putAll(more);
        s.values().removeIf(v -> v.equals(""));
        return ResticSettings.from(Settings.of(s));
    }

    @Test
    void backupRunsInTheTreeWithTagsHostTimeAndParent() {
        var c = ResticCommands.backup(settings(Map.of("backup_args", List.of("--exclude=/tmp/*"))), Path.of("/mnt/snap"),
                "root", "20261124T101500Z", Instant.parse("2026-11-24T10:15:00Z"), ID);
        assertThat(c.argv()).containsExactly("restic", "backup", "--json", "--one-file-system", "--exclude-caches",
                "--host", "web1", "--tag", "rdump-volume=root", "--tag", "rdump-stamp=20261124T101500Z",
                "--time", "2026-11-24 10:15:00", "--parent", ID, "--exclude=/tmp/*", ".");
        assertThat(c.workingDirectory()).isEqualTo(Path.of("/mnt/snap"));
        assertThat(c.acceptedExitCodes()).containsExactlyInAnyOrder(0, 3);
        assertThat(c.environment().get("RESTIC_REPOSITORY").reveal()).isEqualTo("/backup/restic");
        assertThat(c.environment().get("RESTIC_PASSWORD_FILE").reveal()).isEqualTo("/etc/rdump/restic-pass");
        assertThat(c.environment().get("TZ").reveal()).isEqualTo("UTC");
        assertThat(c.toString()).contains("RESTIC_PASSWORD_FILE=******");
    }

    @Test
    void readingCommandsTakeNoLock() {
        ResticSettings s = settings(Map.of());
        assertThat(ResticCommands.snapshots(s, "root").argv()).containsExactly("restic", "snapshots", "--json",
                "--no-lock", "--host", "web1", "--tag", "rdump-volume=root");
        assertThat(ResticCommands.ls(s, ID, List.of("etc", "with space")).argv()).containsExactly("restic", "ls",
                "--json", "--no-lock", ID, "/etc", "/with space");
        assertThat(ResticCommands.stats(s, ID).argv()).containsExactly("restic", "stats", "--json", "--no-lock",
                "--mode", "restore-size", ID);
        assertThat(ResticCommands.probe(s).argv()).containsExactly("restic", "cat", "config", "--no-lock");
    }

    @Test
    void restoreEscapesPatternCharacters() {
        assertThat(ResticCommands.restore(settings(Map.of()), ID, List.of("we*ird[1]/a?b", "x\\y"), Path.of("/out"), true)
                .argv()).containsExactly("restic", "restore", ID, "--target", "/out", "--include", "/we\\*ird\\[1\\]/a\\?b",
                "--include", "/x\\\\y", "--sparse");
    }

    @Test
    void forgetGroupsTheVolumesSnapshotsAsOne() {
        ResticSettings s = settings(Map.of("keep_daily", 7, "keep_last", 2, "keep_within", "1y6m"));
        assertThat(ResticCommands.forget(s, "root", false).orElseThrow().argv()).containsExactly("restic", "forget",
                "--json", "--group-by", "", "--host", "web1", "--tag", "rdump-volume=root", "--keep-last", "2",
                "--keep-daily", "7", "--keep-within", "1y6m", "--prune");
        assertThat(ResticCommands.forget(s, "root", true).orElseThrow().argv()).endsWith("--dry-run");
        assertThat(ResticCommands.forget(settings(Map.of()), "root", false)).isEmpty();
        assertThat(ResticCommands.forgetIds(settings(Map.of("prune", false)), List.of(ID)).argv())
                .containsExactly("restic", "forget", ID);
    }

    @Test
    void passwordCommandGoesToTheEnvironmentOnly() {
        var c = ResticCommands.snapshots(settings(Map.of("password_file", "", "password_command", "pass show restic")), "r");
        assertThat(c.environment().get("RESTIC_PASSWORD_COMMAND").reveal()).isEqualTo("pass show restic");
        assertThat(c.argv()).noneMatch(a -> a.contains("pass show"));
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> settings(Map.of("password_command", "x y"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("set either 'password_file' or 'password_command', not both");
        assertThatThrownBy(() -> ResticSettings.from(Settings.of(Map.of("repo", "/r"))))
                .hasMessageContaining("missing 'password_file' (a file holding the repository password) or"
                        + " 'password_command' (a command that prints it)");
        assertThatThrownBy(() -> settings(Map.of("keep_last", 0))).hasMessageContaining("expected a count from 1 up, found 0");
        assertThatThrownBy(() -> settings(Map.of("keep_within", "2 weeks")))
                .hasMessageContaining("expected a duration of numbers with y, m, d or h, such as 14d or 1y6m, found '2 weeks'");
        assertThat(ResticBackupTool.repoIdentity("sftp:u@h:/srv/r")).isEqualTo("sftp:u@h:/srv/r");
    }
}
