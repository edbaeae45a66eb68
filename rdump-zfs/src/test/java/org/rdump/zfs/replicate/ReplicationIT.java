package org.rdump.zfs.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.RunningCommand;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.TreeSnapshot;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;
import org.rdump.zfs.ZfsHost;
import org.rdump.zfs.ZfsRow;
import org.rdump.testkit.ZfsTestPool;

/** Replication between two real zfs-fuse pools: full, incremental, and after a killed receiver. */
class ReplicationIT {
    ZfsTestPool src;
    ZfsTestPool dst;
    final List<RunEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        src = ZfsTestPool.create("a");
        dst = ZfsTestPool.create("b");
        for (String ds : List.of("data", "data/photos", "data/photos/raw")) {
            ZfsTestPool.run("zfs", "create", src.ds(ds));
            Files.writeString(src.mount(ds).resolve("readme.txt"), "in " + ds + "\n");
        }
        ZfsTestPool.run("zfs", "create", dst.ds("backup"));
    }

    @AfterEach
    void tearDown() {
        if (src != null) {
            src.close();
        }
        if (dst != null) {
            dst.close();
        }
    }

    ReplicationJob job() {
        return new ReplicationJob("data", new Endpoint(ZfsHost.local(), src.ds("data")),
                new Endpoint(ZfsHost.local(), dst.ds("backup/data")), List.of());
    }

    Replicator replicator(CommandRunner runner) {
        return new Replicator(runner, ZfsCommands.local(), events::add, new ZfsPipe(Duration.ofMillis(50)));
    }

    void snapshotAll(String name) {
        ZfsTestPool.run("zfs", "snapshot", "-r", src.ds("data") + "@" + name);
    }

    List<String> snapshots(String dataset) {
        return new ZfsClient(new LocalCommandRunner(), ZfsCommands.local()).listSnapshots(dataset, false).stream()
                .map(r -> r.snapshot().orElseThrow()).toList();
    }

    /** Each dataset's own files (child datasets' mountpoints left out) and snapshots match. */
    void assertSameTrees() {
        // zfs-fuse has no receive -u: a received dataset is remounted and may hide its children's
        // mounts, so mount the destination afresh, parents first, before reading files
        for (String ds : List.of("data/photos/raw", "data/photos", "data")) {
            new LocalCommandRunner().run(Command.of("zfs", "unmount", dst.ds("backup/" + ds)).accepting(0, 1));
        }
        for (String ds : List.of("data", "data/photos", "data/photos/raw")) {
            new LocalCommandRunner().run(Command.of("zfs", "mount", dst.ds("backup/" + ds)).accepting(0, 1));
        }
        for (String ds : List.of("data", "data/photos", "data/photos/raw")) {
            String child = ds.equals("data") ? "photos" : ds.equals("data/photos") ? "raw" : null;
            assertThat(own(dst.mount("backup/" + ds), child).differencesFrom(own(src.mount(ds), child)))
                    .as(ds).isEmpty();
            assertThat(snapshots(dst.ds("backup/" + ds))).isEqualTo(snapshots(src.ds(ds)));
        }
    }

    static TreeSnapshot own(Path mount, String child) {
        Map<String, TreeSnapshot.Entry> m = new HashMap<>(TreeSnapshot.of(mount).entries());
        if (child != null) {
            m.keySet().removeIf(k -> k.equals(child) || k.startsWith(child + "/"));
        }
        return new TreeSnapshot(m);
    }

    @Test
    void fullThenIncrementalAfterChanges() throws Exception {
        snapshotAll("s1");
        Files.writeString(src.mount("data/photos").resolve("a.jpg"), "jpeg");
        snapshotAll("s2");
        long first = replicator(new LocalCommandRunner()).run(job(), false);
        assertThat(first).isPositive();
        assertSameTrees();

        Files.writeString(src.mount("data/photos/raw").resolve("b.raw"), "raw data");
        Files.delete(src.mount("data").resolve("readme.txt"));
        snapshotAll("s3");
        long second = replicator(new LocalCommandRunner()).run(job(), false);
        assertThat(second).isPositive();
        assertSameTrees();
        assertThat(dst.mount("backup/data/photos/raw").resolve("b.raw")).hasContent("raw data");
        assertThat(events).anyMatch(e -> e instanceof RunEvent.Progress);

        events.clear();
        assertThat(replicator(new LocalCommandRunner()).run(job(), false)).isZero();
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Report)
                .extracting(e -> ((RunEvent.Report) e).message())
                .contains("up to date: " + dst.ds("backup/data/photos/raw") + "@s3");
    }

    @Test
    void destinationWithANewerSnapshotIsRefused() throws Exception {
        snapshotAll("s1");
        replicator(new LocalCommandRunner()).run(job(), false);
        ZfsTestPool.run("zfs", "snapshot", dst.ds("backup/data/photos") + "@local");
        snapshotAll("s2");
        assertThatThrownBy(() -> replicator(new LocalCommandRunner()).run(job(), false))
                .isInstanceOf(RdumpException.class).hasMessageContaining("@local is newer than the newest common");
    }

    @Test
    void killedReceiverCompletesOnTheNextRun() throws Exception {
        snapshotAll("s1");
        replicator(new LocalCommandRunner()).run(job(), false);
        byte[] big = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Files.write(src.mount("data/photos").resolve("big.bin"), big);
        snapshotAll("s2");

        KillingRunner killer = new KillingRunner(new LocalCommandRunner(), 1024 * 1024);
        assertThatThrownBy(() -> replicator(killer).run(job(), false)).isInstanceOf(RdumpException.class);
        assertThat(killer.killed).isTrue();
        assertThat(snapshots(dst.ds("backup/data/photos"))).as("the killed receive left nothing half done")
                .containsExactly("s1");
        List<String> names = new ZfsClient(new LocalCommandRunner(), ZfsCommands.local())
                .listTree(dst.name, List.of("name"), false).stream().map(ZfsRow::name).toList();

        replicator(new LocalCommandRunner()).run(job(), false);
        assertSameTrees();
        assertThat(Files.readAllBytes(dst.mount("backup/data/photos").resolve("big.bin"))).isEqualTo(big);
        assertThat(names).noneMatch(n -> n.contains("big"));
    }

    /** Kills the receiving process once {@code limit} bytes were written to it. */
    static final class KillingRunner implements CommandRunner {
        final CommandRunner real;
        final long limit;
        volatile boolean killed;

        KillingRunner(CommandRunner real, long limit) {
            this.real = real;
            this.limit = limit;
        }

        @Override
        public CommandResult run(Command command, LineListener stdout, LineListener stderr) {
            return real.run(command, stdout, stderr);
        }

        @Override
        public RunningCommand start(Command command) {
            RunningCommand rc = real.start(command);
            if (!command.argv().contains("receive")) {
                return rc;
            }
            AtomicBoolean done = new AtomicBoolean();
            return new RunningCommand() {
                long written;

                @Override
                public InputStream stdout() {
                    return rc.stdout();
                }

                @Override
                public OutputStream stdin() {
                    OutputStream out = rc.stdin();
                    return new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            written += len;
                            if (written > limit && done.compareAndSet(false, true)) {
                                rc.kill();
                                killed = true;
                            }
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            out.close();
                        }
                    };
                }

                @Override
                public CommandResult await() {
                    return rc.await();
                }

                @Override
                public void kill() {
                    rc.kill();
                }

                @Override
                public void close() {
                    rc.close();
                }
            };
        }
    }
}
