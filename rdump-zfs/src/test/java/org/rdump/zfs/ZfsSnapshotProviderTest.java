package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotFeature;
import org.rdump.api.SnapshotRef;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;
import org.rdump.testkit.TestRunContext;

class ZfsSnapshotProviderTest {
    @TempDir
    Path tmp;

    private final ZfsSnapshotProvider provider = new ZfsSnapshotProvider();

    @Test
    void createRunsZfsSnapshot() {
        RecordingCommandRunner r = new RecordingCommandRunner();
        SnapshotRef ref = provider.create("tank/home", "n1", Settings.of(Map.of()), TestRunContext.recording(r, tmp));
        assertThat(r.argvs()).containsExactly(List.of("zfs", "snapshot", "tank/home@n1"));
        assertThat(ref.device()).isEqualTo("tank/home@n1");
        assertThat(ref.provider()).isEqualTo("zfs");
        provider.create("tank/home", "n2", Settings.of(Map.of("recursive", true)), TestRunContext.recording(r, tmp));
        assertThat(r.argvs().get(1)).containsExactly("zfs", "snapshot", "-r", "tank/home@n2");
    }

    @Test
    void missingDatasetErrorShowsCommandAndZfsMessage() {
        RecordingCommandRunner r = new RecordingCommandRunner(
                c -> Reply.fail(1, "cannot open 'tank/nope': dataset does not exist\n"));
        assertThatThrownBy(() -> provider.create("tank/nope", "n1", Settings.of(Map.of()),
                TestRunContext.recording(r, tmp)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("zfs snapshot tank/nope@n1 failed (exit 1):\n  cannot open 'tank/nope': dataset does not exist");
    }

    @Test
    void removeIsIdempotent() {
        RecordingCommandRunner r = new RecordingCommandRunner(
                c -> Reply.fail(1, "cannot open 'tank/home@n1': dataset does not exist\n"));
        SnapshotRef ref = new SnapshotRef("zfs", "tank/home", "n1", "tank/home@n1", Map.of());
        provider.remove(ref, TestRunContext.recording(r, tmp));
        assertThat(r.argvs()).containsExactly(List.of("zfs", "destroy", "tank/home@n1"));
    }

    @Test
    void destroyRetriesWhileBusy() {
        AtomicInteger calls = new AtomicInteger();
        RecordingCommandRunner r = new RecordingCommandRunner(c -> calls.incrementAndGet() < 3
                ? Reply.fail(1, "cannot destroy 'p/c': dataset is busy\n") : Reply.OK);
        ZfsClient client = new ZfsClient(r, ZfsCommands.local(), List.of(Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThat(client.destroy("p/c")).isTrue();
        assertThat(r.argvs()).hasSize(3);
    }

    @Test
    void destroyGivesUpWhenStillBusyWithAHint() {
        RecordingCommandRunner r = new RecordingCommandRunner(c -> Reply.fail(1, "cannot destroy 'p/c': dataset is busy\n"));
        ZfsClient client = new ZfsClient(r, ZfsCommands.local(), List.of(Duration.ofMillis(1)));
        assertThatThrownBy(() -> client.destroy("p/c")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("dataset is busy").hasMessageContaining("something still uses p/c");
        assertThat(r.argvs()).hasSize(2);
    }

    @Test
    void otherDestroyErrorsFailAtOnce() {
        RecordingCommandRunner r = new RecordingCommandRunner(c -> Reply.fail(1, "cannot destroy: has children\n"));
        assertThatThrownBy(() -> provider.remove(new SnapshotRef("zfs", "p", "x", "p@x", Map.of()),
                TestRunContext.recording(r, tmp))).isInstanceOf(CommandFailedException.class);
        assertThat(r.argvs()).hasSize(1);
    }

    @Test
    void listParsesSnapshotsOldestFirst() {
        RecordingCommandRunner r = new RecordingCommandRunner(c -> Reply.ok(
                "tank/home@b\t1795628525\t0\ntank/home@a\tWed Nov 25 17:43 2026\t12K\n"));
        List<SnapshotRef> refs = provider.list("tank/home", TestRunContext.recording(r, tmp));
        assertThat(refs).extracting(SnapshotRef::name).containsExactly("b", "a");
        assertThat(refs.get(0).properties()).containsEntry("creation", "1795628525").containsEntry("used", "0");
        assertThat(refs.get(1).device()).isEqualTo("tank/home@a");
    }

    @Test
    void cloneWritable() {
        RecordingCommandRunner r = new RecordingCommandRunner();
        SnapshotRef snap = new SnapshotRef("zfs", "tank/home", "n1", "tank/home@n1", Map.of());
        SnapshotRef clone = provider.cloneWritable(snap, "tank/snaps/home", TestRunContext.recording(r, tmp));
        assertThat(r.argvs()).containsExactly(List.of("zfs", "clone", "-p", "tank/home@n1", "tank/snaps/home"));
        assertThat(clone.device()).isEqualTo("tank/snaps/home");
        assertThat(provider.features()).contains(SnapshotFeature.WRITABLE_CLONE, SnapshotFeature.PRUNE);
    }

    @Test
    void badNamesAreRejectedBeforeRunningAnything() {
        RecordingCommandRunner r = new RecordingCommandRunner();
        assertThatThrownBy(() -> provider.create("tank/home@x", "n", Settings.of(Map.of()), TestRunContext.recording(r, tmp)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tank/home@x'");
        assertThat(r.argvs()).isEmpty();
    }
}
