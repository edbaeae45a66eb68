package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code type: zfs-stream} end to end on a real zfs-fuse pool, through the command line: four
 * backups with {@code full_every: 3} (full, incremental, incremental, full), {@code rdump list},
 * a {@code --dry-run} that shows the incremental send it would run, {@code rdump verify} of the
 * newest and of an older stream, a restore of an older stream that equals the tree of that run
 * (hard links, symlinks, odd names), a base snapshot destroyed under the chain (the next stream
 * is full, with a warning), retention by whole chains, and a damaged stream file that verify
 * reports with exit 5, naming the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZfsStreamIT {
    private final ZfsPools pools = new ZfsPools();
    private Path dir;
    private Path live;
    private Path dest;
    private String pool;
    private final List<TreeSnapshot> trees = new ArrayList<>();
    private final List<String> stamps = new ArrayList<>();

    @BeforeAll
    void fourBackups(@TempDir Path shared) throws Exception {
        dir = shared;
        pool = pools.create("zs");
        ZfsPools.run("zfs", "create", pool + "/home");
        live = pools.mount(pool).resolve("home");
        dest = dir.resolve("streams");
        SampleTree.make(live);
        TreeFixture.at(live).file("etc/version", "one\n").file("odd/\u00e9t\u00e9 \t tab\\back'quote\".txt", "odd\n")
                .hardLink("odd/linked", "etc/host.conf")
                .symlink("odd/dangling", "../nowhere");
        ZfsPools.run("mkfifo", live.resolve("odd/fifo").toString());
        ZfsPools.run("mknod", live.resolve("odd/null-device").toString(), "c", "1", "3");
        config(3, 5);
        for (int run = 1; run <= 4; run++) {
            if (run > 1) {
                TreeFixture.at(live).file("etc/version", "v" + run + "\n").file("etc/added-" + run + ".txt", "r" + run + "\n");
                if (run == 3) {
                    TreeFixture.at(live).delete("home/alice/notes/note-20.txt").hardLink("odd/linked-too", "etc/hello.sh");
                }
            }
            backup();
        }
    }

    private void config(int fullEvery, int keep) throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  offline:
                    type: zfs-stream
                    dest: '%s'
                    full_every: %d
                    keep: %d
                zfs-volumes:
                  - {name: home, dataset: %s/home, mount: '%s', clone: %s/snaps/home, clone_mount: '%s',
                     snapshot_prefix: rd, actions: [rsure, offline]}
                """.formatted(dest, fullEvery, keep, pool, live, pool, dir.resolve("clone")));
    }

    private CliProcess.Result backup() throws Exception {
        CliProcess.nextSecond();
        CliProcess.Result r = CliProcess.run(dir, "backup");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        trees.add(TreeSnapshot.of(live));
        List<JsonNode> streams = streams();
        stamps.add(streams.get(streams.size() - 1).get("stamp").asText());
        return r;
    }

    @AfterAll
    void destroyPool() {
        pools.close();
    }

    private List<JsonNode> streams() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(dest.resolve("home/chain.json").toFile()).get("streams").forEach(out::add);
        return out;
    }

    private static List<String> differences(Path restored, TreeSnapshot expected) {
        return TreeSnapshot.of(restored).differencesFrom(expected).stream()
                .filter(d -> !d.startsWith("2sure.bak.gz:") && !d.startsWith("2sure.dat.gz:")).toList();
    }

    @Test
    @Order(1)
    void fourRunsMakeFullIncrementalIncrementalFullEachWithItsChecksum() throws Exception {
        List<JsonNode> s = streams();
        assertThat(s).hasSize(4);
        List<String> kinds = s.stream().map(e -> e.get("base").isNull() ? "full" : "incremental from "
                + e.get("base").asText()).toList();
        assertThat(kinds.get(0)).isEqualTo("full");
        assertThat(kinds.get(1)).isEqualTo("incremental from " + s.get(0).get("snapshot").asText());
        assertThat(kinds.get(2)).isEqualTo("incremental from " + s.get(1).get("snapshot").asText());
        assertThat(kinds.get(3)).as("full_every: 3").isEqualTo("full");
        for (JsonNode e : s) {
            Path file = dest.resolve("home").resolve(e.get("file").asText());
            assertThat(e.get("snapshot").asText()).startsWith(pool + "/home@rd");
            assertThat(Files.size(file)).isEqualTo(e.get("size").asLong());
            assertThat(Files.readString(file.resolveSibling(e.get("file").asText() + ".sha256")))
                    .isEqualTo(e.get("sha256").asText() + "  " + e.get("file").asText() + "\n");
            CliProcessSha.check(file.getParent(), e.get("file").asText() + ".sha256");
        }
        assertThat(s.get(1).get("size").asLong()).as("an incremental stream is smaller than the full one")
                .isLessThan(s.get(0).get("size").asLong());
        try (var list = Files.list(dest.resolve("home"))) {
            assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    @Order(2)
    void listShowsOneBackupPerStreamWithItsSha256() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "list", "--json");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        List<String> rows = new ArrayList<>();
        for (JsonNode b : new ObjectMapper().readTree(r.stdout()).get("backups")) {
            if (b.get("tool").asText().equals("offline")) {
                rows.add(b.get("stamp").asText() + " " + b.get("type").asText());
            }
        }
        assertThat(rows).containsExactly(stamps.get(3) + " zfs-stream", stamps.get(2) + " zfs-stream",
                stamps.get(1) + " zfs-stream", stamps.get(0) + " zfs-stream");
    }

    @Test
    @Order(3)
    void verifyOfTheNewestAndOfAnIncrementalMatchesTheManifest() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "verify", "--tool", "offline");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("every file matches the manifest");

        r = CliProcess.run(dir, "verify", "--tool", "offline", "--archive", stamps.get(2));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("test restore of " + stamps.get(2) + ".incr.zfs");
        noScratchDataset();
    }

    @Test
    @Order(4)
    void aRestoreOfAnOlderIncrementalGivesThatRunsTree() throws Exception {
        Path to = dir.resolve("restored-2");
        CliProcess.Result r = CliProcess.run(dir, "restore", "home", "--tool", "offline", "--archive", stamps.get(1),
                "--to", to.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(differences(to, trees.get(1))).isEmpty();
        assertThat(Files.readString(to.resolve("etc/version"))).isEqualTo("v2\n");
        assertThat(to.resolve("home/alice/notes/note-20.txt")).exists();
        assertThat(Files.readSymbolicLink(to.resolve("odd/dangling"))).hasToString("../nowhere");
        assertThat(Files.getAttribute(to.resolve("odd/linked"), "unix:ino"))
                .isEqualTo(Files.getAttribute(to.resolve("etc/host.conf"), "unix:ino"));
        assertThat(OddTree.stat(to)).containsEntry("odd/fifo", "fifo 0:0 1")
                .containsEntry("odd/null-device", "character special file 1:3 1");
        assertThat(r.stdout()).contains(": every file matches the manifest");

        Path some = dir.resolve("restored-3-etc");
        r = CliProcess.run(dir, "restore", "home", "--tool", "offline", "--archive", stamps.get(2), "--path", "etc",
                "--to", some.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(Files.readString(some.resolve("etc/version"))).isEqualTo("v3\n");
        assertThat(some.resolve("home")).doesNotExist();
        noScratchDataset();
    }

    @Test
    @Order(5)
    void aDryRunShowsTheIncrementalSendItWouldRun() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "backup", "--dry-run");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        String last = streams().get(3).get("snapshot").asText();
        assertThat(r.stdout()).contains("zfs send -i " + last + " ");
        assertThat(r.stdout()).contains("(incremental from " + last + ")");
        assertThat(streams()).hasSize(4);
    }

    @Test
    @Order(6)
    void aPrunedBaseGivesAFullStreamWithAWarning() throws Exception {
        String base = streams().get(3).get("snapshot").asText();
        ZfsPools.run("zfs", "destroy", base);
        CliProcess.Result r = backup();
        // the next snapshot may take the destroyed one's number and minute: then the name exists, but its guid differs
        assertThat(r.stderr() + r.stdout()).contains("the base of the next incremental stream, " + base
                + " (of the stream " + stamps.get(3) + ".full.zfs), ").contains("; writing a full stream, which starts"
                + " a new chain");
        List<JsonNode> s = streams();
        assertThat(s).hasSize(5);
        assertThat(s.get(4).get("base").isNull()).isTrue();
    }

    @Test
    @Order(7)
    void retentionKeepsWholeChains() throws Exception {
        config(3, 2);
        backup(); // an incremental on the fifth stream's chain; keep: 2 drops the first chain (three streams)
        List<JsonNode> s = streams();
        assertThat(s.stream().map(e -> e.get("stamp").asText()))
                .containsExactly(stamps.get(3), stamps.get(4), stamps.get(5));
        assertThat(s.get(0).get("base").isNull()).as("the oldest kept stream is a full one").isTrue();
        assertThat(dest.resolve("home/" + stamps.get(0) + ".full.zfs")).doesNotExist();
        assertThat(dest.resolve("home/" + stamps.get(1) + ".incr.zfs.sha256")).doesNotExist();
    }

    @Test
    @Order(8)
    void aDamagedStreamFailsVerifyWithExit5NamingTheFile() throws Exception {
        Path file = dest.resolve("home/" + stamps.get(4) + ".full.zfs");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x55);
        }
        CliProcess.Result r = CliProcess.run(dir, "verify", "--tool", "offline");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(5);
        assertThat(r.stdout() + r.stderr()).contains(file.toString()).contains("sha256");
        noScratchDataset();
    }

    @Test
    @Order(9)
    void theLedgerKeepsEachStreamsSha256() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "status", "--json");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isIn(0, 1, 2);
        List<String> shas = new ObjectMapper().readTree(r.stdout()).findValuesAsText("sha256");
        assertThat(shas).contains(streams().get(streams().size() - 1).get("sha256").asText());
    }

    @Test
    @Order(10)
    void badSettingsAreConfigErrorsWithTheirPositions(@TempDir Path bad) throws Exception {
        CliProcess.write(bad.resolve("rdump.yaml"), """
                tools:
                  offline:
                    type: zfs-stream
                    dest: /backup/streams
                    full_every: 0
                    keep: -1
                zfs-volumes:
                  - {name: home, dataset: tank/home, actions: [offline]}
                """);
        CliProcess.Result r = CliProcess.run(bad, "check-config");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
        assertThat(r.stderr()).containsPattern("rdump.yaml:5:\\d+ [^\\n]*'full_every' must be 1 or more, found 0");

        CliProcess.write(bad.resolve("rdump.yaml"), """
                tools:
                  offline: {type: zfs-stream, full_every: 2}
                zfs-volumes:
                  - {name: home, dataset: tank/home, actions: [offline]}
                """);
        r = CliProcess.run(bad, "check-config");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
        assertThat(r.stderr()).containsPattern("rdump.yaml:2:\\d+ [^\\n]*dest");
    }

    private void noScratchDataset() {
        assertThat(ZfsPools.run("zfs", "list", "-H", "-o", "name", "-r", pool).stdoutLines())
                .noneMatch(n -> n.contains("rdump-stream-"));
    }

    /** {@code sha256sum -c} of a {@code .sha256} file in its directory. */
    private static final class CliProcessSha {
        static void check(Path directory, String sumFile) {
            var r = ZfsPools.RUNNER.run(org.rdump.api.command.Command.of(List.of("sha256sum", "-c", sumFile))
                    .withWorkingDirectory(directory).accepting(0, 1));
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        }
    }
}
