package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

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

    /** What the remote POSIX shell makes of the quoted string is exactly the original argv. */
    @Property(tries = 300)
    void remoteStringSplitsBackIntoTheSameWords(@ForAll List<@StringLength(max = 12) String> words) {
        List<String> argv = new ArrayList<>(List.of("zfs"));
        argv.addAll(words.stream().map(w -> w.replace("\0", "")).toList());
        List<String> wrapped = ZfsHost.ssh("nas").wrap(argv);
        assertThat(wrapped.subList(0, 5)).containsExactly("ssh", "-o", "BatchMode=yes", "--", "nas");
        assertThat(PosixWords.split(wrapped.get(5))).isEqualTo(argv);
    }

    /** The ssh command given as rsync -e splits back, by rsync's own rules, into the configured words. */
    @Property(tries = 300)
    void rsyncShellSplitsBackIntoTheSshWords(@ForAll List<@StringLength(max = 12) String> words) {
        List<String> ssh = new ArrayList<>(List.of("ssh"));
        ssh.addAll(words.stream().map(w -> w.replace("\0", "")).toList());
        ZfsHost.Ssh host = (ZfsHost.Ssh) ZfsHost.of("nas", ssh);

        assertThat(RsyncWords.split(host.rsyncShell())).isEqualTo(ssh);
    }

    @org.junit.jupiter.api.Test
    void theConfiguredSshCommandComesBeforeTheHost() {
        assertThat(ZfsHost.of("nas", List.of("ssh", "-p", "2222")).wrap(List.of("zfs", "list", "a b")))
                .containsExactly("ssh", "-p", "2222", "--", "nas", "zfs list 'a b'");
        assertThat(ZfsHost.of("nas", List.of())).isEqualTo(ZfsHost.ssh("nas"));
        assertThat(ZfsHost.of("", List.of("ssh", "-p", "2222"))).isEqualTo(ZfsHost.local());
    }

    /**
     * rsync's splitting of an {@code -e} value (main.c, do_cmd): words end at a space outside
     * quotes; ' or " open a quote that the same character closes, and inside it that character
     * doubled is one literal character; nothing else is special.
     */
    static final class RsyncWords {
        static List<String> split(String s) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                if (s.charAt(i) == ' ') {
                    i++;
                    continue;
                }
                StringBuilder w = new StringBuilder();
                char quote = 0;
                while (i < s.length() && (s.charAt(i) != ' ' || quote != 0)) {
                    char c = s.charAt(i);
                    if (c == '\'' || c == '"') {
                        if (quote == 0) {
                            quote = c;
                            i++;
                            continue;
                        }
                        if (c == quote) {
                            i++;
                            if (i >= s.length() || s.charAt(i) != quote) {
                                quote = 0;
                                continue;
                            }
                        }
                    }
                    w.append(s.charAt(i));
                    i++;
                }
                out.add(w.toString());
            }
            return out;
        }
    }

    /** A small POSIX word splitter for the quoting rdump produces (plain words and '...' with '\''). */
    static final class PosixWords {
        static List<String> split(String s) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean inWord = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    cur.append(s, i + 1, end);
                    i = end;
                    inWord = true;
                } else if (c == '\\') {
                    cur.append(s.charAt(++i));
                    inWord = true;
                } else if (c == ' ') {
                    if (inWord) {
                        out.add(cur.toString());
                        cur.setLength(0);
                        inWord = false;
                    }
                } else {
                    cur.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                out.add(cur.toString());
            }
            return out;
        }
    }
}
