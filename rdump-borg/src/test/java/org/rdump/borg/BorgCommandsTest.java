package org.rdump.borg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdump.api.Settings;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;

class BorgCommandsTest {
    private static final String GLOB = "[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z";

    private static BorgSettings settings(Map<String, Object> values) {
        return BorgSettings.from(Settings.of(values));
    }

    private static final BorgSettings BASIC = settings(Map.of("repo", "/backup/borg", "passphrase", "s3cret pass"));

    @Test
    void createRunsInTheTreeWithTheSecretsInTheEnvironmentOnly() {
        Command c = BorgCommands.create(BASIC, Path.of("/mnt/snap/root"), "root-20261124T101500Z");

        assertThat(c.argv()).containsExactly("borg", "create", "--exclude-caches", "-x", "--stats", "--json",
                "--progress", "--log-json", "::root-20261124T101500Z", ".");
        assertThat(c.workingDirectory()).isEqualTo(Path.of("/mnt/snap/root"));
        assertThat(c.acceptedExitCodes()).containsExactlyInAnyOrder(0, 1);
        assertThat(c.environment()).isEqualTo(Map.of(
                "BORG_REPO", Secret.of("/backup/borg"),
                "BORG_PASSPHRASE", Secret.of("s3cret pass"),
                "BORG_RELOCATED_REPO_ACCESS_IS_OK", Secret.of("no"),
                "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", Secret.of("no")));
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void createArgsWrapperAndEnvironmentSettings() {
        BorgSettings s = settings(Map.of("wrapper", "/etc/rdump/borg.sh", "passcommand", "pass show borg",
                "create_args", List.of("--compression=zstd,3"), "rsh", "ssh -i /root/.ssh/backup",
                "base_dir", "/var/lib/rdump/borg", "env", List.of("BORG_LOCK_WAIT=600")));

        Command c = BorgCommands.create(s, Path.of("/mnt/x"), "x-20261124T101500Z");

        assertThat(c.argv()).containsExactly("/etc/rdump/borg.sh", "create", "--exclude-caches", "-x", "--stats",
                "--json", "--progress", "--log-json", "--compression=zstd,3", "::x-20261124T101500Z", ".");
        assertThat(c.environment()).containsEntry("BORG_PASSCOMMAND", Secret.of("pass show borg"))
                .containsEntry("BORG_RSH", Secret.of("ssh -i /root/.ssh/backup"))
                .containsEntry("BORG_BASE_DIR", Secret.of("/var/lib/rdump/borg"))
                .containsEntry("BORG_LOCK_WAIT", Secret.of("600"))
                .doesNotContainKeys("BORG_REPO", "BORG_PASSPHRASE");
    }

    @Test
    void listMatchesOnlyThisVolumesArchives() {
        assertThat(BorgCommands.list(BASIC, "root").argv()).containsExactly("borg", "list", "--json", "--log-json",
                "--glob-archives", "root-" + GLOB, "::");
    }

    @Test
    void membersListsWhatAnExtractOfThePathsWouldWrite() {
        Command c = BorgCommands.members(BASIC, "root-20261124T101500Z", List.of("etc", "home/a b"));

        assertThat(c.argv()).containsExactly("borg", "list", "--json-lines", "--log-json", "::root-20261124T101500Z",
                "pp:etc", "pp:home/a b");
    }

    @Test
    void extractRunsInTheScratchDirectory() {
        Command c = BorgCommands.extract(BASIC, "root-20261124T101500Z", Path.of("/tmp/scratch"));

        assertThat(c.argv()).containsExactly("borg", "extract", "--sparse", "--log-json", "::root-20261124T101500Z");
        assertThat(c.workingDirectory()).isEqualTo(Path.of("/tmp/scratch"));
    }

    @Test
    void pruneGivesTheKeepOptionsInAFixedOrder() {
        BorgSettings s = settings(Map.of("repo", "/r", "keep_yearly", 2, "keep_daily", "7", "keep_last", 3));

        assertThat(BorgCommands.prune(s, "root").orElseThrow().argv()).containsExactly("borg", "prune", "--log-json",
                "--list", "--glob-archives", "root-" + GLOB, "--keep-last", "3", "--keep-daily", "7",
                "--keep-yearly", "2", "::");
        assertThat(BorgCommands.compact(s).argv()).containsExactly("borg", "compact", "--log-json");
    }

    @Test
    void aDryRunPruneListsWhatItWouldDelete() {
        BorgSettings s = settings(Map.of("repo", "/r", "keep_last", 3));

        assertThat(BorgCommands.prune(s, "root", true).orElseThrow().argv()).containsExactly("borg", "prune",
                "--dry-run", "--log-json", "--list", "--glob-archives", "root-" + GLOB, "--keep-last", "3", "::");
        assertThat(BorgJsonParser.wouldPrune("Would prune:                             vol-20261124T101600Z"
                + "                 Tue, 2026-12-01 20:42:28 [dd6a50a2]")).contains("vol-20261124T101600Z");
        assertThat(BorgJsonParser.wouldPrune("Keeping archive (rule: secondly #1):     vol-20261124T101700Z")).isEmpty();
    }

    @Test
    void noKeepSettingMeansNoPrune() {
        assertThat(BorgCommands.prune(BASIC, "root")).isEmpty();
    }

    @Test
    void globCharactersInVolumeNamesAreEscaped() {
        assertThat(BorgCommands.archiveGlob("a*b?[c]")).isEqualTo("a[*]b[?][[]c[]]-" + GLOB);
    }

    @Test
    void archiveNamesBelongToExactlyOneVolume() {
        assertThat(BorgCommands.isArchiveOf("data-20261124T101500Z", "data")).isTrue();
        assertThat(BorgCommands.isArchiveOf("data-old-20261124T101500Z", "data")).isFalse();
        assertThat(BorgCommands.isArchiveOf("data-old-20261124T101500Z", "data-old")).isTrue();
        assertThat(BorgCommands.isArchiveOf("data-20261124T1015Z", "data")).isFalse();
        assertThat(BorgCommands.isArchiveOf("data", "data")).isFalse();
    }
}
