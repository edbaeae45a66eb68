package org.rdump.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunEvent;

class SureTest {
    @TempDir
    Path tree;

    @Test
    void theFacadeRunsRsuresCommandsOnATree() throws Exception {
        Files.writeString(tree.resolve("a"), "one");
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("sub/b"), "two");
        List<RunEvent> events = new ArrayList<>();
        Sure sure = Sure.at(tree).threads(1).listener(e -> {
            synchronized (events) {
                events.add(e);
            }
        });
        assertThat(sure.tag("name", "first").scan().hashedFiles()).isEqualTo(2);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Progress p && p.total() == 2 && p.done() == 2
                && p.bytesTotal() == 6).isNotEmpty();
        assertThat(sure.check().clean()).isTrue();
        var mtime = Files.getLastModifiedTime(tree.resolve("sub/b"));
        Files.writeString(tree.resolve("sub/b"), "TWO");
        Files.setLastModifiedTime(tree.resolve("sub/b"), mtime);
        assertThat(sure.check().lines()).containsExactly("  [sha1                ] \"" + tree + "/sub/b\"");
        assertThat(sure.ignore("sha1").check().clean()).isTrue();
        // rewritten in the same second as "first" was taken (ino and ctime may be unchanged): still rehashed
        assertThat(sure.tag("name", "second").update().hashedFiles()).isBetween(1L, 2L);
        assertThat(sure.signoff().lines()).containsExactly("  [sha1                ] \"" + tree + "/sub/b\"");
        assertThat(sure.versions()).extracting(v -> v.name()).containsExactly("second", "first");
        assertThat(sure.check(1).lines()).hasSize(1);
        // the manifest was written into the tree but is not part of it
        assertThat(Files.exists(tree.resolve("2sure.dat.gz"))).isTrue();
        Sure other = sure.manifest("other.dat");
        assertThat(other.update().version().number()).isEqualTo(1);
        assertThat(other.check().clean()).isTrue();
        // other.dat is not one of 2sure.dat.gz's own files: the default manifest sees it
        assertThat(sure.check().lines()).containsExactly("+ file                   \"" + tree + "/other.dat\"");
    }
}
