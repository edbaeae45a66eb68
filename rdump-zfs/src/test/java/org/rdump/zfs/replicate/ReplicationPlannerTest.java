package org.rdump.zfs.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;
import org.rdump.api.Settings;
import org.rdump.zfs.ZfsHost;
import org.rdump.zfs.ZfsRow;
import org.rdump.zfs.ZfsTree;

class ReplicationPlannerTest {
    static final ReplicationJob JOB = new ReplicationJob("media", new Endpoint(ZfsHost.local(), "lint/media"),
            new Endpoint(ZfsHost.ssh("nas"), "gig/vaco/media"), List.of(Pattern.compile("/scratch$")));

    /** "ds" for a dataset, "ds@snap" for a snapshot, in listing order. */
    static ZfsTree tree(String root, String... names) {
        List<ZfsRow> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(new ZfsRow(n, Map.of()));
        }
        return ZfsTree.of(root, rows);
    }

    static List<String> lines(ReplicationPlan p) {
        return p.describe();
    }

    @Test
    void missingDestinationGetsFullThenIncrementalAndParents() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@1", "lint/media@2", "lint/media@3",
                "lint/media/photos", "lint/media/photos@2", "lint/media/scratch", "lint/media/scratch@1",
                "lint/media/empty");
        ReplicationPlan p = ReplicationPlanner.plan(JOB, src, ZfsTree.empty("gig/vaco/media"), Map.of());
        assertThat(lines(p)).containsExactly(
                "send full lint/media@1 -> gig/vaco/media (gig/vaco created if missing)",
                "send incremental lint/media@1 .. @3 -> gig/vaco/media",
                "send full lint/media/photos@2 -> gig/vaco/media/photos",
                "skip lint/media/scratch (excluded)",
                "skip lint/media/empty (no snapshots)");
    }

    @Test
    void existingDestinationContinuesFromTheNewestCommonSnapshot() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@1", "lint/media@2", "lint/media@3", "lint/media@4");
        ZfsTree dest = tree("gig/vaco/media", "gig/vaco/media", "gig/vaco/media@1", "gig/vaco/media@2");
        ReplicationPlan p = ReplicationPlanner.plan(JOB, src, dest, Map.of());
        assertThat(p.transfers()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("2");
            assertThat(t.to()).isEqualTo("4");
            assertThat(t.createParent()).isNull();
        });
    }

    @Test
    void prunedSourceSnapshotsDoNotMatterWhileACommonOneExists() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@3", "lint/media@5");
        ZfsTree dest = tree("gig/vaco/media", "gig/vaco/media", "gig/vaco/media@1", "gig/vaco/media@3");
        assertThat(lines(ReplicationPlanner.plan(JOB, src, dest, Map.of())))
                .containsExactly("send incremental lint/media@3 .. @5 -> gig/vaco/media");
    }

    @Test
    void upToDateIsANote() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@1");
        ZfsTree dest = tree("gig/vaco/media", "gig/vaco/media", "gig/vaco/media@1");
        ReplicationPlan p = ReplicationPlanner.plan(JOB, src, dest, Map.of());
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.notes()).containsExactly("up to date: gig/vaco/media@1");
    }

    @Test
    void destinationNewerThanSourceIsAnError() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@1", "lint/media@2");
        ZfsTree dest = tree("gig/vaco/media", "gig/vaco/media", "gig/vaco/media@1", "gig/vaco/media@x");
        assertThatThrownBy(() -> ReplicationPlanner.plan(JOB, src, dest, Map.of())).isInstanceOf(RdumpException.class)
                .hasMessage("cannot replicate lint/media to gig/vaco/media: gig/vaco/media@x is newer than the newest"
                        + " common snapshot @1 and missing from the source; destroy it on the destination to go on");
    }

    @Test
    void noCommonSnapshotIsAnError() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@5");
        ZfsTree dest = tree("gig/vaco/media", "gig/vaco/media", "gig/vaco/media@1");
        assertThatThrownBy(() -> ReplicationPlanner.plan(JOB, src, dest, Map.of()))
                .hasMessageContaining("no snapshot in common");
    }

    @Test
    void aResumeTokenResumesFirst() {
        ZfsTree src = tree("lint/media", "lint/media", "lint/media@1", "lint/media@2");
        ZfsTree dest = tree("gig/vaco/media", "gig/vaco/media", "gig/vaco/media@1");
        ReplicationPlan p = ReplicationPlanner.plan(JOB, src, dest, Map.of("gig/vaco/media", "1-abc-def"));
        assertThat(p.transfers()).singleElement().satisfies(t -> {
            assertThat(t.isResume()).isTrue();
            assertThat(t.resumeToken()).isEqualTo("1-abc-def");
        });
    }

    @Test
    void jobFromSettings() {
        ReplicationJob j = ReplicationJob.from("web-media", Settings.of(Map.of(
                "src", Map.of("host", "vaco.example.org", "volume", "lint/web-media"),
                "dest", Map.of("volume", "gig/other/web-media"),
                "exclude", List.of("@nope", "/tmp$"))));
        assertThat(j.source().host()).isEqualTo(ZfsHost.ssh("vaco.example.org"));
        assertThat(j.destination().host()).isEqualTo(ZfsHost.local());
        assertThat(j.excludes("lint/web-media/tmp")).isTrue();
        assertThat(j.excludes("lint/web-media/tmpx")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void replicationStepsNameBothSidesARemoteOneWithItsHost() {
        org.rdump.zfs.ZfsCommands cmds = org.rdump.zfs.ZfsCommands.local();
        ReplicationJob pruned = new ReplicationJob("media", JOB.source(), JOB.destination(), List.of(),
                org.rdump.api.support.prune.PruneSettings.from(org.rdump.api.Settings.of(java.util.Map.of("prune",
                        java.util.Map.of("hanoi", 4))), "prune", "").orElseThrow());
        assertThat(new ReplicationStep(JOB, cmds).resources()).containsExactly("zfs:lint/media", "zfs:nas:gig/vaco/media");
        assertThat(new ReplicationPruneStep(pruned, cmds).resources())
                .containsExactly("zfs:lint/media", "zfs:nas:gig/vaco/media");
    }
}
