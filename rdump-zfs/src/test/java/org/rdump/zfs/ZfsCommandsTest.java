package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ZfsCommandsTest {
    private final ZfsCommands local = ZfsCommands.local();

    @Nested
    class Local {
        @Test
        void snapshotAndRecursiveSnapshot() {
            assertThat(local.snapshot("tank/home@n1", false).argv()).containsExactly("zfs", "snapshot", "tank/home@n1");
            assertThat(local.snapshot("tank/home@n1", true).argv())
                    .containsExactly("zfs", "snapshot", "-r", "tank/home@n1");
        }

        @Test
        void snapshotWithoutAtIsRejected() {
            assertThatThrownBy(() -> local.snapshot("tank/home", false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tank/home'");
            assertThatThrownBy(() -> local.snapshot("tank/home@", false)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void cloneCreatesParentsAndSetsMountpoint() {
            assertThat(local.clone("tank/home@n1", "tank/snaps/home", null).argv())
                    .containsExactly("zfs", "clone", "-p", "tank/home@n1", "tank/snaps/home");
            assertThat(local.clone("tank/home@n1", "tank/snaps/home", "/mnt/c").argv())
                    .containsExactly("zfs", "clone", "-p", "-o", "mountpoint=/mnt/c", "tank/home@n1", "tank/snaps/home");
        }

        @Test
        void destroyAndExists() {
            assertThat(local.destroy("tank/a b@x").argv()).containsExactly("zfs", "destroy", "tank/a b@x");
            assertThat(local.exists("tank/a").argv()).containsExactly("zfs", "list", "-H", "-o", "name", "tank/a");
            assertThat(local.exists("tank/a").accepts(1)).isTrue();
        }

        @Test
        void listsWithAndWithoutParsable() {
            assertThat(local.listSnapshots("tank/home", false).argv()).containsExactly(
                    "zfs", "list", "-H", "-t", "snapshot", "-d", "1", "-o", "name,creation,used", "tank/home");
            assertThat(local.listTree("tank", List.of("name", "mountpoint"), true).argv()).containsExactly(
                    "zfs", "list", "-H", "-p", "-t", "all", "-r", "-o", "name,mountpoint", "tank");
        }

        @Test
        void getIsScriptFriendlyAndExact() {
            assertThat(local.get(List.of("mountpoint", "origin"), "tank/a", "tank/b").argv()).containsExactly(
                    "zfs", "get", "-H", "-p", "-o", "name,property,value,source", "mountpoint,origin", "tank/a", "tank/b");
        }

        @Test
        void createKeepsPropertyOrder() {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("compression", "lz4");
            props.put("atime", "off");
            assertThat(local.create("bk/x/y", props, true).argv()).containsExactly(
                    "zfs", "create", "-p", "-o", "compression=lz4", "-o", "atime=off", "bk/x/y");
        }

        @Test
        void sendVariants() {
            assertThat(local.send(null, "tank/a@1", true, false).argv()).containsExactly("zfs", "send", "tank/a@1");
            assertThat(local.send("@1", "tank/a@5", true, false).argv())
                    .containsExactly("zfs", "send", "-I", "@1", "tank/a@5");
            assertThat(local.send("tank/a@4", "tank/a@5", false, true).argv())
                    .containsExactly("zfs", "send", "-nP", "-i", "tank/a@4", "tank/a@5");
            assertThat(local.sendResume("1-abc", false).argv()).containsExactly("zfs", "send", "-t", "1-abc");
            assertThat(local.sendResume("1-abc", true).argv()).containsExactly("zfs", "send", "-nP", "-t", "1-abc");
        }

        @Test
        void receiveFlags() {
            assertThat(local.receive("bk/a", true, true, true).argv())
                    .containsExactly("zfs", "receive", "-F", "-u", "-s", "bk/a");
            assertThat(local.receive("bk/a", true, false, false).argv()).containsExactly("zfs", "receive", "-F", "bk/a");
            assertThat(local.receiveAbort("bk/a").argv()).containsExactly("zfs", "receive", "-A", "bk/a");
        }

        @Test
        void probesAcceptFailure() {
            assertThat(local.usage().argv()).containsExactly("zfs", "-?");
            assertThat(local.usage().accepts(2)).isTrue();
            assertThat(local.probeResumeToken("tank").argv())
                    .containsExactly("zfs", "get", "-H", "-o", "property,value", "receive_resume_token", "tank");
            assertThat(local.poolProperties("tank").argv()).containsExactly("zpool", "get", "all", "tank");
            assertThat(local.poolProperties("tank").accepts(2)).isTrue();
        }

        @Test
        void otherProgramPaths() {
            ZfsCommands c = new ZfsCommands("/opt/zfs", "/opt/zpool", ZfsHost.local());
            assertThat(c.destroy("p/x").argv()).containsExactly("/opt/zfs", "destroy", "p/x");
            assertThat(c.poolProperties("p").argv()).containsExactly("/opt/zpool", "get", "all", "p");
        }
    }

    @Nested
    class Remote {
        private final ZfsCommands remote = local.on(ZfsHost.ssh("backup@nas"));

        @Test
        void wrapsInSshWithOneQuotedCommandString() {
            assertThat(remote.receive("bk/home dir", true, false, false).argv()).containsExactly(
                    "ssh", "-o", "BatchMode=yes", "--", "backup@nas", "zfs receive -F 'bk/home dir'");
        }

        @Test
        void quotesSingleQuotesInNames() {
            assertThat(remote.destroy("bk/it's@x").argv().get(5)).isEqualTo("zfs destroy 'bk/it'\\''s@x'");
        }

        @Test
        void zpoolToo() {
            assertThat(remote.poolProperties("bk").argv())
                    .containsExactly("ssh", "-o", "BatchMode=yes", "--", "backup@nas", "zpool get all bk");
        }
    }
}
