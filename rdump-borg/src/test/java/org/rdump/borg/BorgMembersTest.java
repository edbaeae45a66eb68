package org.rdump.borg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure check that no member of a borg archive is written outside the extract directory. */
class BorgMembersTest {
    @TempDir
    Path into;

    private static BorgMembers.Member m(String type, String path) {
        return new BorgMembers.Member(type, path);
    }

    @Test
    void parsesBorgsJsonLines() {
        String out = """
                {"type": "d", "mode": "drwxr-xr-x", "path": "etc", "linktarget": ""}
                {"type": "l", "mode": "lrwxrwxrwx", "path": "etc/link", "linktarget": "/"}

                {"type": "-", "mode": "-rw-r--r--", "path": "etc/h\\u00f6st.conf", "linktarget": ""}
                """;
        assertThat(BorgMembers.parse(out)).containsExactly(m("d", "etc"), m("l", "etc/link"), m("-", "etc/höst.conf"));
        assertThatThrownBy(() -> BorgMembers.parse("{\"type\": \"-\"}\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a borg member line: {\"type\": \"-\"}");
    }

    @Test
    void anOrdinaryTreeStaysInside() {
        assertThat(BorgMembers.escape(List.of(m("d", "a"), m("l", "a/l"), m("-", "a/b"), m("-", "a/l.txt"),
                m("-", "x..y/..z")), into)).isEmpty();
    }

    @Test
    void absoluteDotDotAndBelowASymlinkMemberEscape() {
        assertThat(BorgMembers.escape(List.of(m("-", "/etc/passwd")), into)).hasValue("'/etc/passwd' is an absolute path");
        assertThat(BorgMembers.escape(List.of(m("-", "sub/../../y")), into)).hasValue("'sub/../../y' has a '..' part");
        assertThat(BorgMembers.escape(List.of(m("-", "a/.."), m("-", "ok")), into)).hasValue("'a/..' has a '..' part");
        assertThat(BorgMembers.escape(List.of(m("l", "l"), m("d", "l/d"), m("-", "l/d/f")), into))
                .hasValue("'l/d' lies below the symlink member 'l'");
    }

    @Test
    void belowASymlinkAlreadyInTheTargetEscapes() throws Exception {
        Files.createSymbolicLink(into.resolve("etc"), Path.of("/etc"));
        assertThat(BorgMembers.escape(List.of(m("l", "etc"), m("-", "other")), into)).isEmpty();
        assertThat(BorgMembers.escape(List.of(m("-", "etc/passwd")), into))
                .hasValue("'etc/passwd' lies below 'etc', a symlink already in " + into);
    }
}
