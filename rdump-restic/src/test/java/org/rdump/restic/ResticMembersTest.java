package org.rdump.restic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ResticMembers.escape: nodes a restore would write outside its target, found before restic runs. */
class ResticMembersTest {
    @TempDir
    Path into;

    private static ResticJsonParser.Node node(String type, String path) {
        return new ResticJsonParser.Node(type, path);
    }

    @Test
    void anOrdinaryTreeStaysInside() {
        assertThat(ResticMembers.escape(List.of(node("dir", "/etc"), node("file", "/etc/passwd"),
                node("symlink", "/etc/link")), into)).isEmpty();
    }

    @Test
    void aDotDotPartANodeBelowASymlinkNodeAndAnExistingSymlinkAreRefused() throws Exception {
        assertThat(ResticMembers.escape(List.of(node("file", "/sub/../../y")), into))
                .contains("'sub/../../y' has a '..' part");
        assertThat(ResticMembers.escape(List.of(node("symlink", "/link"), node("file", "/link/file")), into))
                .contains("'link/file' lies below the symlink node 'link'");
        Files.createSymbolicLink(into.resolve("etc"), Path.of("/tmp"));
        assertThat(ResticMembers.escape(List.of(node("dir", "/etc"), node("file", "/etc/passwd")), into))
                .contains("'etc/passwd' lies below 'etc', a symlink already in " + into);
        Files.createSymbolicLink(into.resolve("f"), Path.of("/tmp/f"));
        assertThat(ResticMembers.escape(List.of(node("file", "/f")), into))
                .contains("'f' would replace 'f', a symlink already in " + into);
    }
}
