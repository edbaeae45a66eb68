package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdump.api.support.SshQuoting;

class ZfsHostTest {

    @Test
    void localLeavesArgvAlone() {
        assertThat(ZfsHost.local().wrap(List.of("zfs", "list", "a b"))).containsExactly("zfs", "list", "a b");
        assertThat(ZfsHost.of("")).isEqualTo(ZfsHost.local());
        assertThat(ZfsHost.of("localhost")).isEqualTo(ZfsHost.local());
        assertThat(ZfsHost.of("nas")).isEqualTo(ZfsHost.ssh("nas"));
    }

    @Test
    void hostsThatLookLikeOptionsAreRejected() {
        assertThatThrownBy(() -> ZfsHost.ssh("-oProxyCommand=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-oProxyCommand=x");
        assertThatThrownBy(() -> ZfsHost.ssh("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The remote command and the rsync -e value are api.support.SshQuoting's (its property tests
     * split them back by POSIX and by rsync rules); here, that ZfsHost hands over the right words.
     */
    @Test
    void quotingIsSshQuotings() {
        List<String> argv = List.of("zfs", "list", "-H", "pool/it's here", "$(x)");
        List<String> wrapped = ZfsHost.ssh("nas").wrap(argv);
        assertThat(wrapped).containsExactly("ssh", "-o", "BatchMode=yes", "--", "nas", SshQuoting.remoteCommand(argv));
        List<String> ssh = List.of("ssh", "-i", "/keys/id key", "-p", "2222");
        assertThat(((ZfsHost.Ssh) ZfsHost.of("nas", ssh)).rsyncShell()).isEqualTo(SshQuoting.rsyncShell(ssh));
    }

    @org.junit.jupiter.api.Test
    void theConfiguredSshCommandComesBeforeTheHost() {
        assertThat(ZfsHost.of("nas", List.of("ssh", "-p", "2222")).wrap(List.of("zfs", "list", "a b")))
                .containsExactly("ssh", "-p", "2222", "--", "nas", "zfs list 'a b'");
        assertThat(ZfsHost.of("nas", List.of())).isEqualTo(ZfsHost.ssh("nas"));
        assertThat(ZfsHost.of("", List.of("ssh", "-p", "2222"))).isEqualTo(ZfsHost.local());
    }
}
