package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.TreeFixture;

/**
 * {@code type: zfs-stream} killed with SIGKILL on a real zfs-fuse pool: during {@code zfs send}
 * into the stream's temporary file (the next run removes it through the journal, counts no stream
 * of the killed run, and succeeds with an incremental stream from the last counted one), and
 * during the {@code zfs receive} of a test restore (the next run destroys the scratch dataset).
 * The volume has {@code rsure_snapshot: true}, whose README (only in the clone) the tool keeps
 * beside each stream, so verify passes. The tree holds 40 MiB of random data so that the send and the receive last long enough to be
 * caught.
 */
class ZfsStreamCrashIT {
    private final ZfsPools pools = new ZfsPools();
    @TempDir
    Path dir;
    private String pool;
    private Path dest;

    @AfterEach
    void destroyPool() {
        pools.close();
    }

    private void setUp() throws Exception {
        pool = pools.create("zk");
        ZfsPools.run("zfs", "create", pool + "/home");
        Path live = pools.mount(pool).resolve("home");
        dest = dir.resolve("streams");
        SampleTree.make(live);
        TreeFixture.at(live).randomFile("big/random.bin", 40 * 1024 * 1024, 7);
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  offline: {type: zfs-stream, dest: '%s', full_every: 2}
                zfs-volumes:
                  - {name: home, dataset: %s/home, mount: '%s', clone: %s/snaps/home, clone_mount: '%s',
                     rsure_snapshot: true, snapshot_prefix: rd, actions: [rsure, offline]}
                """.formatted(dest, pool, live, pool, dir.resolve("clone")));
    }

    private List<JsonNode> streams() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Path index = dest.resolve("home/chain.json");
        if (Files.exists(index)) {
            new ObjectMapper().readTree(index.toFile()).get("streams").forEach(out::add);
        }
        return out;
    }

    private List<String> files() throws Exception {
        try (var list = Files.list(dest.resolve("home"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Starts rdump, waits until {@code when} holds, kills it with SIGKILL; fails when the run ended first. */
    private void killWhen(BooleanSupplier when, String... args) throws Exception {
        Process p = CliProcess.start(dir, args);
        p.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!when.getAsBoolean()) {
            assertThat(p.isAlive()).as("rdump ended before the kill (exit " + (p.isAlive() ? 0 : p.exitValue()) + ")")
                    .isTrue();
            assertThat(System.nanoTime()).as("the moment to kill never came").isLessThan(deadline);
            Thread.sleep(5);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private boolean partialExists() {
        try (var list = Files.list(dest.resolve("home"))) {
            return list.anyMatch(f -> f.getFileName().toString().endsWith(".zfs.partial"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private boolean scratchDatasetExists() {
        return ZfsPools.run("zfs", "list", "-H", "-o", "name", "-r", pool).stdoutLines().stream()
                .anyMatch(n -> n.contains("rdump-stream-"));
    }

    @Test
    void aKillDuringTheSendLeavesNoCountedStreamAndTheNextRunSucceeds() throws Exception {
        setUp();
        CliProcess.Result first = CliProcess.run(dir, "backup");
        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
        assertThat(streams()).hasSize(1);

        CliProcess.nextSecond();
        killWhen(this::partialExists, "backup");
        assertThat(streams()).as("the killed run's stream is not counted").hasSize(1);

        CliProcess.nextSecond();
        CliProcess.Result next = CliProcess.run(dir, "backup");
        assertThat(next.exitCode()).as(next.stdout() + next.stderr()).isZero();
        List<JsonNode> s = streams();
        assertThat(s).hasSize(2);
        assertThat(s.get(1).get("base").asText()).isEqualTo(s.get(0).get("snapshot").asText());
        String a = s.get(0).get("file").asText();
        String b = s.get(1).get("file").asText();
        assertThat(files()).containsExactlyInAnyOrder(StreamIndexFile.NAME, a, a + ".sha256", a + ".2sure.dat.gz",
                a + ".README-rdump-rsure.txt", b, b + ".sha256", b + ".2sure.dat.gz", b + ".README-rdump-rsure.txt");
        assertThat(ZfsPools.run("zfs", "list", "-H", "-o", "name", "-r", pool).stdoutLines())
                .noneMatch(n -> n.contains("/snaps/"));

        CliProcess.Result verify = CliProcess.run(dir, "verify", "--tool", "offline");
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    }

    @Test
    void aKillDuringTheReceiveOfATestRestoreLeavesNoScratchDatasetAfterTheNextRun() throws Exception {
        setUp();
        CliProcess.Result first = CliProcess.run(dir, "backup");
        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();

        killWhen(this::scratchDatasetExists, "verify", "--tool", "offline");

        CliProcess.nextSecond();
        CliProcess.Result next = CliProcess.run(dir, "backup");
        assertThat(next.exitCode()).as(next.stdout() + next.stderr()).isZero();
        assertThat(scratchDatasetExists()).as("recovery destroyed the scratch dataset").isFalse();
        assertThat(streams()).hasSize(2);
    }

    /** The index's file name, as the tool writes it. */
    private static final class StreamIndexFile {
        static final String NAME = "chain.json";
    }
}
