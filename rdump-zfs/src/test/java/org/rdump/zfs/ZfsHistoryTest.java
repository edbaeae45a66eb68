package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.RdumpException;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;
import org.rdump.testkit.TestRunContext;

class ZfsHistoryTest {
    @TempDir
    Path scratch;

    private static final String LISTING = String.join("\n",
            "tank/home@rd0003-202611301805\t1796054700\t0",
            "tank/home@rd0003-202611301805-rsure\t1796054710\t0",
            "tank/home@20261130T180000Z\t1796054400\t0",
            "tank/home@manual\t1796054400\t0",
            "tank/home@rd0002-202611301805\t1796054700\t0",
            "tank/home@old0001-202601011200\t1767268800\t0") + "\n";

    private List<ArchiveInfo> list(String prefix, ZoneId zone) {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.ok(LISTING));
        TestRunContext context = new TestRunContext(runner, Clock.fixed(Instant.EPOCH, zone), false,
                "20261130T180500Z", scratch);
        return new ZfsHistory(ZfsCommands.local()).list("tank/home", prefix, "home", context);
    }

    @Nested
    class Listing {
        @Test
        void theStampIsTheNamesMinuteInTheClocksZoneWithSecondsZero() {
            List<ArchiveInfo> got = list("rd", ZoneId.of("Europe/Berlin"));

            assertThat(got).extracting(ArchiveInfo::id)
                    .containsExactly("tank/home@rd0002-202611301805", "tank/home@rd0003-202611301805");
            assertThat(got).extracting(ArchiveInfo::stamp).containsOnly("20261130T170500Z");
            assertThat(got.get(0).time()).isEqualTo(Instant.parse("2026-11-30T17:05:00Z"));
        }

        @Test
        void aCompanionIsThatSnapshotsManifestNotABackupOfItsOwn() {
            List<ArchiveInfo> got = list("rd", ZoneId.of("UTC"));

            assertThat(got.get(1).details()).containsEntry("manifest_snapshot", "tank/home@rd0003-202611301805-rsure");
            assertThat(got.get(0).details()).doesNotContainKey("manifest_snapshot");
            assertThat(ZfsHistory.notKept(got.get(1))).containsExactly(ZfsCloneStep.README);
            assertThat(ZfsHistory.notKept(got.get(0))).isEmpty();
        }

        @Test
        void aReplicaListsTheSchemeWithAnyPrefixOldestFirst() {
            assertThat(list(null, ZoneId.of("UTC"))).extracting(ArchiveInfo::id).containsExactly(
                    "tank/home@old0001-202601011200", "tank/home@rd0002-202611301805", "tank/home@rd0003-202611301805");
        }
    }

    @Test
    void aSnapshotOnAnotherHostIsListedButNotRestored() {
        ZfsCommands remote = ZfsCommands.local().on(ZfsHost.of("backup.example.org"));
        ArchiveInfo a = new ArchiveInfo("tank/home@rd0003-202611301805", "home", Instant.EPOCH,
                Map.of("snapshot", "tank/home@rd0003-202611301805"));
        TestRunContext context = TestRunContext.recording(new RecordingCommandRunner(), scratch);

        assertThatThrownBy(() -> new ZfsHistory(remote).restorePaths(new ToolTarget("replicas", "zfs-replicas",
                Settings.of(Map.of())), a, List.of(), scratch, context))
                .isInstanceOf(RdumpException.class)
                .hasMessage("backup tank/home@rd0003-202611301805 of volume home is on backup.example.org; rdump"
                        + " restores ZFS snapshots on this machine only: run 'rdump restore' there, or replicate the"
                        + " dataset here first");
    }

    @Test
    void configuringTheSnapshotsAsAToolIsRefusedWithTheFix() {
        ToolTarget t = new ToolTarget("x", ZfsSnapshots.ID, Settings.of(Map.of("type", ZfsSnapshots.ID)));

        assertThatThrownBy(() -> new ZfsSnapshots().validate(t))
                .isInstanceOf(org.rdump.api.ConfigException.class)
                .hasMessageContaining("'zfs-snapshots' is not a tool to configure: rdump lists and restores the"
                        + " snapshots of every zfs-volumes volume by itself; remove tool 'x'");
    }
}
