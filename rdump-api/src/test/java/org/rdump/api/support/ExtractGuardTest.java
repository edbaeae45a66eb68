package org.rdump.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.support.ExtractGuard.Entry;
import org.rdump.api.support.ExtractGuard.Kind;

/** ExtractGuard.escape: what a restore would write outside its target, found before the tool runs. */
class ExtractGuardTest {
    @TempDir
    Path into;

    @Test
    void theRootAndDotPartsAreTheDirectoryTheyAreIn() {
        assertThat(ExtractGuard.escape(List.of(new Entry(".", Kind.DIRECTORY), new Entry("./a", Kind.DIRECTORY),
                new Entry("a/./b", Kind.FILE)), into, "member")).isEmpty();
        assertThat(ExtractGuard.escape(List.of(new Entry("l", Kind.SYMLINK), new Entry("./l/f", Kind.FILE)), into, "member"))
                .hasValue("'./l/f' lies below the symlink member 'l'");
    }

    @Test
    void absoluteDotDotAndEmptyPartsAreRefused() {
        assertThat(ExtractGuard.escape(List.of(new Entry("/etc/passwd", Kind.FILE)), into, "node"))
                .hasValue("'/etc/passwd' is an absolute path");
        assertThat(ExtractGuard.escape(List.of(new Entry("a/../../y", Kind.FILE)), into, "node"))
                .hasValue("'a/../../y' has a '..' part");
        assertThat(ExtractGuard.escape(List.of(new Entry("a//y", Kind.FILE)), into, "node"))
                .hasValue("'a//y' has a '' part");
    }

    @Test
    void aFileReplacingAnExistingSymlinkIsRefused() throws Exception {
        Files.createSymbolicLink(into.resolve("f"), Path.of("/tmp/f"));
        assertThat(ExtractGuard.escape(List.of(new Entry("./f", Kind.FILE)), into, "node"))
                .hasValue("'./f' would replace 'f', a symlink already in " + into);
        assertThat(ExtractGuard.escape(List.of(new Entry("f", Kind.SYMLINK)), into, "node")).isEmpty();
    }
}
