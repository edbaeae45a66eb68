package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SshQuotingTest {

    /** What a POSIX shell makes of the remote command is exactly the original argv. */
    @Property(tries = 300)
    void remoteCommandSplitsBackIntoTheSameWords(@ForAll List<@StringLength(max = 12) String> words) {
        List<String> argv = new ArrayList<>(List.of("prog"));
        argv.addAll(words.stream().map(w -> w.replace("\0", "")).toList());

        assertThat(PosixWords.split(SshQuoting.remoteCommand(argv))).isEqualTo(argv);
    }

    /** The rsync -e value splits back, by rsync's own rules, into the ssh words. */
    @Property(tries = 300)
    void rsyncShellSplitsBackIntoTheSshWords(@ForAll List<@StringLength(max = 12) String> words) {
        List<String> ssh = new ArrayList<>(List.of("ssh"));
        ssh.addAll(words.stream().map(w -> w.replace("\0", "")).toList());

        assertThat(RsyncWords.split(SshQuoting.rsyncShell(ssh))).isEqualTo(ssh);
    }

    @Test
    void plainWordsStayPlainAndOthersAreQuotedOnce() {
        assertThat(SshQuoting.remoteCommand(List.of("rm", "-rf", "--", "/b/it's here")))
                .isEqualTo("rm -rf -- '/b/it'\\''s here'");
        assertThat(SshQuoting.rsyncShell(List.of("ssh", "-p", "2222", "-i", "/k/my key's", "-o", "A=b c")))
                .isEqualTo("ssh -p 2222 -i '/k/my key''s' -o 'A=b c'");
        assertThat(SshQuoting.rsyncShell(List.of("ssh", ""))).isEqualTo("ssh ''");
    }

    @Test
    void anEmptyVectorOrANulIsRefused() {
        assertThatThrownBy(() -> SshQuoting.remoteCommand(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argv must name a program, found []");
        assertThatThrownBy(() -> SshQuoting.rsyncShell(List.of("ssh", "a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sshArgv holds a NUL");
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
