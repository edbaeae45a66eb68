package org.rdump.zfs.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.testkit.TestRunContext;

/** The tool without zfs: settings checks, the dry run's send decision, the list of a chain, a source that is no clone. */
class ZfsStreamToolTest {
    @TempDir
    Path dir;
    private final ZfsStreamTool tool = new ZfsStreamTool();

    private ToolTarget target(long fullEvery) {
        return new ToolTarget("offline", "zfs-stream", Settings.of(Map.of("dest", dir.toString(),
                "full_every", fullEvery)));
    }

    private List<String> dryRun(ToolTarget target) {
        TestRunContext context = new TestRunContext(new RecordingCommandRunner(), Clock.systemUTC(), true,
                "20261203T070000Z", dir.resolve("scratch"));
        tool.backup(new BackupRequest(target, "home", dir.resolve("clone"), "home-20261203T070000Z"), context);
        return context.events().stream().filter(e -> e instanceof RunEvent.DryRun)
                .map(e -> ((RunEvent.DryRun) e).line()).toList();
    }

    @Test
    void theFirstStreamIsFull() {
        assertThat(dryRun(target(7))).singleElement().asString()
                .startsWith("  zfs send 'DATASET@<run snapshot>' > " + dir.resolve("home/20261203T070000Z.full.zfs"))
                .endsWith("(full stream)");
    }

    @Test
    void theNextIsIncrementalFromTheNewestStreamUntilFullEveryIsReached() {
        StreamIndexTest.index(List.of(true), "tank/home").write(dir.resolve("home"));
        assertThat(dryRun(target(2))).singleElement().asString()
                .startsWith("  zfs send -i tank/home@rd0000-202612010000 'tank/home@<run snapshot>' > ")
                .endsWith(".incr.zfs (incremental from tank/home@rd0000-202612010000)");

        StreamIndexTest.index(List.of(true, false), "tank/home").write(dir.resolve("home"));
        assertThat(dryRun(target(2))).singleElement().asString().endsWith(".full.zfs (full stream)");
    }

    @Test
    void listGivesOneBackupPerStreamWithItsSha256() {
        StreamIndex index = StreamIndexTest.index(List.of(true, false), "tank/home");
        index.write(dir.resolve("home"));
        List<ArchiveInfo> list = tool.list(target(7), "home", TestRunContext.real(dir.resolve("scratch")));
        assertThat(list).extracting(ArchiveInfo::stamp).containsExactly("20261201T000000Z", "20261201T010000Z");
        assertThat(list.get(1).details()).containsEntry(ArchiveInfo.SHA256, index.streams().get(1).sha256())
                .containsEntry("base", "tank/home@rd0000-202612010000").containsEntry(ArchiveInfo.SIZE, "1001");
        assertThat(list.get(1).id()).isEqualTo("20261201T010000Z.incr.zfs");
    }

    @Test
    void fullEveryAndKeepMustBeAtLeastOne() {
        assertThatThrownBy(() -> tool.validate(target(0))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'full_every' must be 1 or more, found 0");
    }

    @Test
    void aSourceThatIsNoCloneIsAnErrorSayingWhereTheToolBelongs() {
        TestRunContext context = TestRunContext.recording(new RecordingCommandRunner(), dir.resolve("scratch"));
        assertThatThrownBy(() -> tool.backup(new BackupRequest(target(7), "boot", Path.of("/boot"), "boot-20261203T070000Z"),
                context)).isInstanceOf(RdumpException.class).hasMessage("zfs-stream 'offline' backs up the snapshot of a"
                + " zfs-volumes volume, but /boot is not the mountpoint of a ZFS clone; use it in the actions of a"
                + " zfs-volumes volume (volume boot)");
    }
}
