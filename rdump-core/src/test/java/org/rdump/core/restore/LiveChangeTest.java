package org.rdump.core.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdump.core.restore.LiveChange.Action;

/** Reading rsync 3.2's itemized lines ({@code --out-format='%i %n'}) into typed changes. */
class LiveChangeTest {
    @Test
    void eachKindOfItemizedLineIsOneTypedChange() {
        List<LiveChange> changes = LiveChange.parse(List.of(
                "*deleting   etc/added.txt",
                "*deleting   old dir/",
                ".d..t...... etc/",
                ">fcst...... etc/host.conf",
                ">f.st...... var/lib/app/data.bin",
                "cd+++++++++ home/alice/notes/",
                ">f+++++++++ home/alice/notes/note-3.txt",
                "cL+++++++++ home/alice/host.conf",
                "cLc.t...... links/to-a",
                "hf+++++++++ var/lib/app/data.link",
                "cD+++++++++ dev/chr",
                "cS+++++++++ dev/fifo",
                ".f...p..... etc/hello.sh",
                ".f........x with space/key=value.txt",
                "sending incremental file list"));

        assertThat(changes).extracting(c -> c.action() + " " + c.type() + " " + c.path()).containsExactly(
                "DELETE entry etc/added.txt",
                "DELETE directory old dir",
                "ATTRIBUTES directory etc",
                "REPLACE file etc/host.conf",
                "REPLACE file var/lib/app/data.bin",
                "CREATE directory home/alice/notes",
                "CREATE file home/alice/notes/note-3.txt",
                "CREATE symlink home/alice/host.conf",
                "REPLACE symlink links/to-a",
                "CREATE hard link var/lib/app/data.link",
                "CREATE device dev/chr",
                "CREATE special dev/fifo",
                "ATTRIBUTES file etc/hello.sh",
                "ATTRIBUTES file with space/key=value.txt");
        assertThat(changes.get(3).itemized()).isEqualTo(">fcst......");
    }

    @Test
    void aChangeReadsAsAVerbTypeAndPath() {
        assertThat(new LiveChange(Action.ATTRIBUTES, "file", "etc/hello.sh", ".f...p.....").toString())
                .isEqualTo("set attributes of file      etc/hello.sh");
        assertThat(new LiveChange(Action.REPLACE, "file", "etc/host.conf", ">fcst......").toString())
                .isEqualTo("replace           file      etc/host.conf");
    }
}
