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

    /** zfs get -p's answer for the sizes: two of the snapshots. */
    private static final String SIZES = "tank/home@rd0003-202611301805\treferenced\t2411724\t-\n"
            + "tank/home@rd0002-202611301805\treferenced\t118784\t-\n";

    private List<ArchiveInfo> list(String prefix, ZoneId zone) {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.ok(c.argv().get(1).equals("get") ? SIZES
                : LISTING));
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
        void theSizesAreTheReferencedBytesFromOneZfsGetForAllTheSnapshots() {
            List<ArchiveInfo> got = list("rd", ZoneId.of("UTC"));
            RecordingCommandRunner runner = new RecordingCommandRunner(c -> Reply.ok(SIZES));

            Map<String, Long> sizes = new ZfsHistory(ZfsCommands.local()).sizes(got,
                    TestRunContext.recording(runner, scratch));

            assertThat(sizes).containsExactly(Map.entry("tank/home@rd0002-202611301805", 118784L),
                    Map.entry("tank/home@rd0003-202611301805", 2411724L));
            assertThat(runner.argvs()).containsExactly(List.of("zfs", "get", "-H", "-p", "-o",
                    "name,property,value,source", "referenced", "tank/home@rd0002-202611301805",
                    "tank/home@rd0003-202611301805"));
        }

        @Test
        void aReplicaListsTheSchemeWithAnyPrefixOldestFirst() {
            assertThat(list(null, ZoneId.of("UTC"))).extracting(ArchiveInfo::id).containsExactly(
                    "tank/home@old0001-202601011200", "tank/home@rd0002-202611301805", "tank/home@rd0003-202611301805");
        }
    }

    @Test
    void aSnapshotOnAnotherHostIsReadThroughACloneThereMadeDestroyedAndJournaledOverSsh() {
        ZfsCommands remote = ZfsCommands.local().on(ZfsHost.of("nas", List.of("ssh", "-F", "/etc/rdump/ssh config")));
        ArchiveInfo a = new ArchiveInfo("gig/home@rd0003-202611301805", "home", Instant.EPOCH,
                Map.of("snapshot", "gig/home@rd0003-202611301805"));
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> c.argv().get(c.argv().size() - 1)
                .equals("zfs get -H -o value mountpoint gig") ? Reply.ok("/gig\n") : Reply.OK);
        org.rdump.testkit.MemoryUndoLog undo = new org.rdump.testkit.MemoryUndoLog();
        TestRunContext context = TestRunContext.recording(runner, scratch).journalingInto(undo);

        new ZfsHistory(remote).restorePaths(new ToolTarget("replicas", "zfs-replicas", Settings.of(Map.of())), a,
                List.of("etc/host conf"), scratch.resolve("out"), context);

        List<String> shown = runner.commands().stream().map(c -> String.join(" ", c.argv())).toList();
        String clone = shown.get(1).replaceAll(".* (gig/rdump-restore-\\p{XDigit}{16})$", "$1");
        String hex = clone.substring("gig/rdump-restore-".length());
        assertThat(shown).containsExactly(
                "ssh -F /etc/rdump/ssh config -- nas zfs get -H -o value mountpoint gig",
                "ssh -F /etc/rdump/ssh config -- nas zfs clone -p -o mountpoint=/gig/rdump-restore-" + hex
                        + " gig/home@rd0003-202611301805 " + clone,
                "rsync -aH -AX --numeric-ids -s -e ssh -F '/etc/rdump/ssh config' --relative nas:/gig/rdump-restore-"
                        + hex + "/./etc/host conf " + scratch.resolve("out") + "/",
                "ssh -F /etc/rdump/ssh config -- nas zfs destroy " + clone,
                "ssh -F /etc/rdump/ssh config -- nas rmdir -- /gig/rdump-restore-" + hex);
        assertThat(runner.commands().get(2).argv()).contains("ssh -F '/etc/rdump/ssh config'",
                "nas:/gig/rdump-restore-" + hex + "/./etc/host conf");
        assertThat(runner.commands().get(1).argv().get(5)).as("one quoted command string for the remote shell")
                .isEqualTo("zfs clone -p -o mountpoint=/gig/rdump-restore-" + hex + " gig/home@rd0003-202611301805 "
                        + clone);
        assertThat(undo.open()).isEmpty();
    }

    @Test
    void theUndoRecordOfARemoteCloneDestroysItAndRemovesItsMountDirectoryOverSsh() {
        ZfsCommands remote = ZfsCommands.local().on(ZfsHost.ssh("nas"));
        ArchiveInfo a = new ArchiveInfo("gig/home@s", "home", Instant.EPOCH, Map.of("snapshot", "gig/home@s"));
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> {
            String last = c.argv().get(c.argv().size() - 1);
            if (last.endsWith("mountpoint gig")) {
                return Reply.ok("/gig\n");
            }
            if (c.argv().get(0).equals("rsync")) {
                return Reply.fail(23, "rsync: link_stat failed\n");
            }
            return Reply.OK;
        });
        java.util.List<org.rdump.api.Undo> recorded = new java.util.ArrayList<>();
        org.rdump.api.UndoLog undo = new org.rdump.api.UndoLog() {
            @Override
            public synchronized org.rdump.api.Undo record(org.rdump.api.Undo u) {
                recorded.add(u);
                return u;
            }

            @Override
            public void done(org.rdump.api.Undo u) {
            }
        };
        TestRunContext context = TestRunContext.recording(runner, scratch).journalingInto(undo);

        assertThatThrownBy(() -> new ZfsHistory(remote).restorePaths(new ToolTarget("replicas", "zfs-replicas",
                Settings.of(Map.of())), a, List.of(), scratch, context)).hasMessageContaining("link_stat failed");

        assertThat(recorded).hasSize(1);
        org.rdump.api.Undo u = recorded.get(0);
        assertThat(u.identity()).matches("nas:gig/rdump-restore-\\p{XDigit}{16}");
        String clone = u.identity().substring(4);
        assertThat(u.manual()).isEqualTo("[ \"$(ssh -o BatchMode=yes -- nas 'zfs get -H -o value origin " + clone
                + "')\" = gig/home@s ] && ssh -o BatchMode=yes -- nas 'zfs destroy " + clone + "'; ssh -o BatchMode=yes"
                + " -- nas 'test -d /" + clone + "' && ssh -o BatchMode=yes -- nas 'rmdir -- /" + clone + "'");
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
