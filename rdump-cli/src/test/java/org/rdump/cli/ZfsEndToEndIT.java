package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.RequiredTools;

/**
 * ZFS end to end: the {@code rdump} command in a child JVM against real zfs-fuse pools on sparse
 * files (always destroyed): the README's ZFS example with {@code --verify}, replication of a tree
 * of three datasets checked file by file with {@code rdump sure check}, and dry runs that plan
 * from the real pools and change nothing.
 */
class ZfsEndToEndIT {
    @TempDir
    Path dir;
    ZfsPools pools;

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        pools = new ZfsPools();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pools != null) {
            pools.close();
        }
    }

    /** Runs rdump in a child JVM, its output in files (no pipe to fill), in {@code dir}. */
    Result rdump(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        File out = Files.createTempFile(dir, "out", ".txt").toFile();
        File err = Files.createTempFile(dir, "err", ".txt").toFile();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rdump " + String.join(" ", args) + " did not finish");
        }
        Result r = new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        out.delete();
        err.delete();
        return r;
    }

    /** The YAML example of the README's ZFS section. */
    static String readmeExample() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```yaml\ntools:", readme.indexOf("### ZFS ("));
        assertThat(start).as("the example in the README's ZFS section").isPositive();
        return readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
    }

    static void files(Path root, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Path d = root.resolve("d" + (i % 4));
            Files.createDirectories(d);
            Files.writeString(d.resolve(prefix + " file " + i + ".txt"), (prefix + " content " + i + "\n").repeat(1 + i % 9),
                    StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReadmeExampleBacksUpVerifiesReplicatesAndPrunes() throws Exception {
        RequiredTools.need("rsync", "rsync");
        String src = pools.create("s");
        String dst = pools.create("d");
        Path home = pools.mount(src).resolve("home");
        ZfsPools.run("zfs", "create", src + "/home");
        files(home, "h", 60);
        // an older history of the scheme, as the original rdump leaves it: rd0000..rd0011, monthly in 2025
        for (int i = 0; i < 12; i++) {
            ZfsPools.run("zfs", "snapshot", src + "/home@" + String.format("rd%04d-2025%02d150800", i, i + 1));
        }
        String yaml = readmeExample().replace("/srv/backups", dir.resolve("backups").toString())
                .replace("/tank/", pools.mount(src) + "/").replace("tank/", src + "/")
                .replace("backup/home", dst + "/home");
        Files.writeString(dir.resolve("rdump.yaml"), yaml);

        Result dry = rdump("backup", "--verify", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.stdout()).contains("$ zfs snapshot " + src + "/home@rd0012-",
                "zfs send full " + src + "/home@rd0000-202501150800 -> " + dst + "/home",
                "zfs send incremental " + src + "/home@rd0000-202501150800 .. @rd0011-202512150800 -> " + dst + "/home",
                "prune snapshots of " + src + "/home (hanoi 8;",
                "would destroy " + src + "/home@rd0001-202502150800", "would destroy " + src + "/home@rd0002-202503150800")
                .doesNotContain("would destroy " + src + "/home@rd0003", "dry run stopped");
        assertThat(ZfsPools.snapshots(src + "/home")).as("the dry run changed nothing").hasSize(12);
        assertThat(ZfsPools.exists(dst + "/home")).isFalse();

        Result r = rdump("backup", "--verify");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("backup finished");
        List<String> snaps = ZfsPools.snapshots(src + "/home");
        String run = snaps.stream().filter(s -> s.startsWith("rd0012-") && !s.endsWith("-rsure")).findFirst()
                .orElseThrow(() -> new AssertionError("no rd0012 snapshot: " + snaps));
        assertThat(ZfsPools.exists(src + "/snaps/home")).as("the clone is gone").isFalse();
        assertThat(home.resolve("2sure.dat.gz")).as("the manifest copied back").isNotEmptyFile();
        assertThat(home.resolve("README-rdump-rsure.txt")).as("only in the clone").doesNotExist();
        // hanoi 8 over 0..12: the newest 8 (5..12), then 4 (one bit), 3 (two bits), 0 (none); 1 and 2 went
        assertThat(snaps).containsExactly("rd0000-202501150800", "rd0003-202504150800", "rd0004-202505150800",
                "rd0005-202506150800", "rd0006-202507150800", "rd0007-202508150800", "rd0008-202509150800",
                "rd0009-202510150800", "rd0010-202511150800", "rd0011-202512150800", run, run + "-rsure");
        // the replica got the whole history, then its own prune (daily 7, weekly 4, monthly 6) kept 6..12
        assertThat(ZfsPools.snapshots(dst + "/home")).containsExactly("rd0006-202507150800", "rd0007-202508150800",
                "rd0008-202509150800", "rd0009-202510150800", "rd0010-202511150800", "rd0011-202512150800", run,
                run + "-rsure");
        assertThat(ZfsPools.held(src + "/home")).as("held for the next incremental").containsExactly(run + "-rsure");
        assertThat(pools.mount(dst).resolve("home/2sure.dat.gz")).isNotEmptyFile();
        try (Stream<Path> copies = Files.list(dir.resolve("backups"))) {
            Path copy = copies.findFirst().orElseThrow();
            assertThat(Files.walk(copy).filter(p -> p.endsWith("README-rdump-rsure.txt")).count()).isOne();
        }
    }

    @Test
    void aTreeOfThreeDatasetsReplicatesFullThenIncrementallyCheckedFileByFile() throws Exception {
        String src = pools.create("s");
        String dst = pools.create("d");
        ZfsPools.run("zfs", "create", "-p", src + "/data/a");
        ZfsPools.run("zfs", "create", src + "/data/b");
        Path data = pools.mount(src).resolve("data");
        files(data, "root", 8);
        files(data.resolve("a"), "a", 40);
        files(data.resolve("b"), "b", 25);
        Files.writeString(data.resolve("b/empty"), "");
        Files.createSymbolicLink(data.resolve("b/link"), Path.of("d0/b file 0.txt"));
        Files.writeString(dir.resolve("rdump.yaml"), "zfs:\n  - tree:\n      src: {volume: " + src + "/data}\n"
                + "      dest: {volume: " + dst + "/copy}\n");
        List<String> parts = List.of("", "/a", "/b");
        for (String part : parts) {
            Result s = rdump("sure", "scan", "-d", data + part, "-f", manifest(part));
            assertThat(s.exitCode()).as(s.all()).isZero();
        }
        String s0 = "rd0000-202611250000";
        ZfsPools.run("zfs", "snapshot", "-r", src + "/data@" + s0);

        Result dry = rdump("backup", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.stdout()).contains("replicate " + src + "/data to " + dst + "/copy",
                "zfs send full " + src + "/data@" + s0 + " -> " + dst + "/copy",
                "zfs send full " + src + "/data/a@" + s0 + " -> " + dst + "/copy/a",
                "zfs send full " + src + "/data/b@" + s0 + " -> " + dst + "/copy/b");
        assertThat(ZfsPools.exists(dst + "/copy")).as("a dry run receives nothing").isFalse();

        Result full = rdump("backup");
        assertThat(full.exitCode()).as(full.all()).isZero();
        Path copy = pools.mount(dst).resolve("copy");
        for (String part : parts) {
            Result c = rdump("sure", "check", "-d", copy + part, "-f", manifest(part));
            assertThat(c.exitCode()).as("full: " + part + "\n" + c.all()).isZero();
        }

        // changes: one file rewritten, one deleted, one added, a new directory; new manifest versions
        Files.writeString(data.resolve("a/d1/a file 5.txt"), "rewritten after the first replication\n");
        Files.delete(data.resolve("b/d2/b file 2.txt"));
        Files.writeString(data.resolve("added.txt"), "new at the root\n");
        files(data.resolve("a/new dir"), "late", 5);
        for (String part : parts) {
            Result u = rdump("sure", "update", "-d", data + part, "-f", manifest(part));
            assertThat(u.exitCode()).as(u.all()).isZero();
        }
        String s1 = "rd0001-202611250100";
        ZfsPools.run("zfs", "snapshot", "-r", src + "/data@" + s1);

        Result dry2 = rdump("backup", "--dry-run");
        assertThat(dry2.exitCode()).as(dry2.all()).isZero();
        for (String part : parts) {
            assertThat(dry2.stdout()).contains("zfs send incremental " + src + "/data" + part + "@" + s0 + " .. @" + s1
                    + " -> " + dst + "/copy" + part);
        }
        assertThat(ZfsPools.snapshots(dst + "/copy/a")).as("a dry run changes nothing").containsExactly(s0);
        assertThat(ZfsPools.held(src + "/data/a")).containsExactly(s0);

        Result inc = rdump("zfs", "clone", src + "/data", dst + "/copy");
        assertThat(inc.exitCode()).as(inc.all()).isZero();
        // zfs-fuse (no receive -u) mounts received datasets in whatever order they arrive; the replicator
        // remounts the received tree parents first, so the copy is readable as it is: no help from the test.
        for (String part : parts) {
            assertThat(ZfsPools.snapshots(dst + "/copy" + part)).containsExactly(s0, s1);
            Result c = rdump("sure", "check", "-d", copy + part, "-f", manifest(part));
            assertThat(c.exitCode()).as("incremental: " + part + "\n" + c.all()).isZero();
        }
        assertThat(ZfsPools.held(src + "/data/a")).as("the hold moved to the new common snapshot").containsExactly(s1);

        Files.writeString(copy.resolve("a/d3/a file 7.txt"), "tampered", java.nio.file.StandardOpenOption.APPEND);
        Result bad = rdump("sure", "check", "-d", copy + "/a", "-f", manifest("/a"));
        assertThat(bad.exitCode()).as(bad.all()).isEqualTo(5);
        assertThat(bad.stdout()).contains("[mtime,sha1,size     ] \"" + copy + "/a/d3/a=20file=207.txt\"");
    }

    private String manifest(String part) {
        return dir.resolve("m" + part.replace('/', '-') + ".dat.gz").toString();
    }
}
