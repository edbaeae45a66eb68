package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.command.Command;

class PullCommandsTest {
    private static PullSettings pull(Map<String, Object> values) {
        return PullSettings.from(Settings.of(values));
    }

    @Nested
    class Argv {
        @Test
        void pullMirrorsTheRemoteTreeIntoTheStagingKeepingItsOwnFiles() {
            Command c = PullCommands.pull(pull(Map.of("src", "root@web1:/srv/", "staging", "/srv/rdump/pull/web")));

            assertThat(c.argv()).containsExactly("rsync", "-aHx", "-S", "--numeric-ids", "--delete", "-AX",
                    "--info=progress2", "-s", "-e", "ssh -o BatchMode=yes",
                    "--temp-dir=/srv/rdump/pull/web/2sure.pull-tmp", "--exclude=/2sure.*", "root@web1:/srv/.",
                    "/srv/rdump/pull/web/.");
            assertThat(c.acceptedExitCodes()).containsExactlyInAnyOrder(0, 24);
        }

        @Test
        void sshSettingsRsyncPathAndExtraArgsComeBeforeTheOperands() {
            PullSettings s = pull(Map.of("src", "web1:/srv/my files", "staging", "/pull/web",
                    "ssh", Map.of("port", 2222, "identity_file", "/etc/rdump/id key"),
                    "rsync_path", "sudo rsync", "acls_xattrs", false, "extra_args", List.of("--exclude=/tmp/*"),
                    "program", "/opt/rsync"));

            assertThat(PullCommands.pull(s).argv()).containsExactly("/opt/rsync", "-aHx", "-S", "--numeric-ids",
                    "--delete", "--info=progress2", "-s", "-e", "ssh -o BatchMode=yes -p 2222 -i '/etc/rdump/id key'",
                    "--rsync-path=sudo rsync", "--temp-dir=/pull/web/2sure.pull-tmp", "--exclude=/2sure.*",
                    "--exclude=/tmp/*", "web1:/srv/my files/.", "/pull/web/.");
        }

        @Test
        void probeTestsTheRemoteDirectoryThroughOneQuotedCommand() {
            Command c = PullCommands.probe(pull(Map.of("src", "web1:/srv/it's", "staging", "/pull/web")));

            assertThat(c.argv()).containsExactly("ssh", "-o", "BatchMode=yes", "--", "web1", "test -d '/srv/it'\\''s'");
            assertThat(c.acceptedExitCodes()).containsExactlyInAnyOrder(0, 1, 255);
        }

        @Test
        void rsyncPathReachesEveryCommandOfARemoteDest() {
            RsyncSettings s = RsyncSettings.from(Settings.of(Map.of("dest", "b@host:/backup",
                    "rsync_path", "sudo -n rsync")));

            assertThat(RsyncCommands.mirror(s, Path.of("/snap"), Path.of("/backup/root")).argv())
                    .contains("--rsync-path=sudo -n rsync");
            assertThat(RsyncCommands.fetch(s, Path.of("/backup/root"), Path.of("/tmp/x")).argv())
                    .contains("--rsync-path=sudo -n rsync");
        }
    }

    @Nested
    class BadSettings {
        private String message(Map<String, Object> values) {
            try {
                pull(values);
            } catch (ConfigException e) {
                return e.getMessage();
            }
            throw new AssertionError("no ConfigException for " + values);
        }

        @Test
        void aLocalSrcIsRefused() {
            assertThat(message(Map.of("src", "/srv", "staging", "/pull/web")))
                    .contains("src '/srv' is not a remote tree: give [user@]host:/absolute/path");
        }

        @Test
        void aRelativeRemotePathIsRefused() {
            assertThat(message(Map.of("src", "web1:srv", "staging", "/pull/web")))
                    .contains("src 'web1:srv' needs an absolute path after the ':'");
        }

        @Test
        void aRelativeStagingIsRefused() {
            assertThat(message(Map.of("src", "web1:/srv", "staging", "pull/web")))
                    .contains("staging 'pull/web' must be an absolute path");
        }

        @Test
        void theRootAsStagingIsRefused() {
            assertThat(message(Map.of("src", "web1:/srv", "staging", "/"))).contains("staging must not be /");
        }

        @Test
        void aBadHostIsRefused() {
            assertThat(message(Map.of("src", "-oProxyCommand=x:/srv", "staging", "/pull/web")))
                    .contains("is not [user@]host");
        }

        @Test
        void rsyncPathWithANewlineIsRefused() {
            assertThat(message(Map.of("src", "web1:/srv", "staging", "/pull/web", "rsync_path", "rsync\nrm")))
                    .contains("rsync_path 'rsync?rm' holds a control character");
        }

        @Test
        void extraArgsThatWouldDeleteTheManifestAreRefused() {
            assertThat(message(Map.of("src", "web1:/srv", "staging", "/pull/web",
                    "extra_args", List.of("--exclude=/tmp", "--delete-excluded"))))
                    .contains("extra_args must not hold '--delete-excluded'");
        }

        @Test
        void rsyncPathOnALocalDestIsRefused() {
            assertThatThrownBy(() -> RsyncSettings.from(Settings.of(Map.of("dest", "/backup", "rsync_path", "rsync"))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'rsync_path' is the rsync command on a"
                            + " remote dest's host, and dest '/backup' is local");
        }
    }
}
