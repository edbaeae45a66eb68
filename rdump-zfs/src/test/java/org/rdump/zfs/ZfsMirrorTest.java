package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.BackupRequest;
import org.rdump.api.Phase;
import org.rdump.api.Settings;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.testkit.TestRunContext;

class ZfsMirrorTest {
    @TempDir
    Path tmp;

    @Test
    void rsyncArgv() {
        assertThat(ZfsMirror.rsync(Path.of("/mnt/snap/root"), Path.of("/lint/self/root"), false).argv())
                .containsExactly("rsync", "-aHx", "--delete", "/mnt/snap/root/.", "/lint/self/root/.");
        assertThat(ZfsMirror.rsync(Path.of("/a"), Path.of("/b"), true).argv())
                .containsExactly("rsync", "-aHx", "--delete", "-AX", "/a/.", "/b/.");
        assertThat(ZfsMirror.rsync(Path.of("/a"), Path.of("/b"), false).accepts(24)).isTrue();
    }

    @Test
    void stepsAreMirrorThenSnapshotWithTheRunStamp() {
        ToolTarget target = new ToolTarget("zfs", "zfs-mirror",
                Settings.of(Map.of("volume", "lint/self/root", "mount", "/lint/self/root")));
        List<Step> steps = new ZfsMirror().steps(new BackupRequest(target, "root", Path.of("/mnt/snap/root"), "root-S"));
        assertThat(steps).extracting(Step::phase).containsExactly(Phase.MIRROR, Phase.MIRROR_SNAPSHOT);
        RecordingCommandRunner r = new RecordingCommandRunner();
        TestRunContext ctx = TestRunContext.recording(r, tmp);
        steps.forEach(s -> s.perform(ctx));
        assertThat(r.argvs()).containsExactly(
                List.of("rsync", "-aHx", "--delete", "/mnt/snap/root/.", "/lint/self/root/."),
                List.of("zfs", "snapshot", "lint/self/root@" + ctx.runStamp()));
        assertThat(new ZfsMirror().id()).isEqualTo("zfs-mirror");
    }

    @Test
    void bothStepsNameTheMirrorDataset() {
        ToolTarget target = new ToolTarget("zfs", "zfs-mirror",
                Settings.of(Map.of("volume", "lint/self/root", "mount", "/lint/self/root")));
        assertThat(new ZfsMirror().steps(new BackupRequest(target, "root", Path.of("/mnt/snap/root"), "root-S")))
                .extracting(Step::resources).containsOnly(List.of("zfs:lint/self/root"));
    }
}
