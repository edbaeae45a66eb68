package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * Five backups of an evolving tree (files added, changed, removed and renamed between runs) to
 * real rsync dated copies and a real borg repository; restores of a file at backup 3, a directory
 * at backup 2 and the whole tree at backup 5 are compared with what the test itself recorded at
 * each backup (bytes, mode, mtime, and an independent walk), never with rdump's manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreHistoryIT {
    private static final String PASSPHRASE = "history passphrase 5Kp";
    private static final Map<String, String> ENV = Map.of("BORG_PASSPHRASE", PASSPHRASE);
    private static final String FILE = "etc/app.conf";

    private Path dir;
    private Path live;
    private final List<String> stamps = new ArrayList<>();
    private final List<TreeSnapshot> trees = new ArrayList<>();
    /** What {@link #FILE} was at each backup: bytes, mode, mtime, read by the test. */
    private final List<byte[]> bytes = new ArrayList<>();
    private final List<String> modes = new ArrayList<>();
    private final List<FileTime> mtimes = new ArrayList<>();

    @BeforeAll
    void fiveBackupsOfAnEvolvingTree(@TempDir Path shared) throws Exception {
        dir = shared;
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("borg", "borg");
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        new LocalCommandRunner().run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                  vault: {type: borg, repo: '%s', base_dir: '%s'}
                simple:
                  - name: hist
                    mount: live
                    actions: [rsure, copies, vault]
                """.formatted(repo, base));
        TreeFixture t = TreeFixture.at(dir.resolve("live"));
        live = t.root();
        t.file(FILE, "version = 1\n").mode(FILE, "rw-r--r--").mtime(FILE, Instant.parse("2021-01-01T00:00:01Z"))
                .file("docs/readme", "read me 1\n").file("data/keep.bin", "kept\n").file("srv/old.txt", "old\n")
                .symlink("docs/current", "readme").hardLink("data/keep.again", "data/keep.bin");
        backup();
        t.file(FILE, "version = 2, longer\n").mode(FILE, "rw-------").mtime(FILE, Instant.parse("2022-02-02T00:00:02Z"))
                .file("docs/guide", "a guide\n").delete("srv/old.txt");
        backup();
        t.file(FILE, "v3\n").mode(FILE, "rw-r-----").mtime(FILE, Instant.parse("2023-03-03T00:00:03Z"))
                .file("etc/extra.conf", "extra\n").file("docs/README.md", "read me 1\n").delete("docs/readme")
                .delete("docs/current").symlink("docs/current", "README.md");
        backup();
        t.file(FILE, "version four\n").mode(FILE, "rwxr-xr-x").mtime(FILE, Instant.parse("2024-04-04T00:00:04Z"))
                .delete("docs/guide");
        backup();
        t.file("data/kept.bin", "kept\n").delete("data/keep.bin").delete("data/keep.again")
                .hardLink("data/kept.again", "data/kept.bin").file("new/file", "five\n");
        backup();
    }

    private void backup() throws Exception {
        CliProcess.nextSecond();
        CliProcess.Result r = CliProcess.run(dir, ENV, "backup");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        stamps.add(Files.readString(live.resolve("snapstamp")).strip());
        trees.add(TreeSnapshot.of(live));
        Path f = live.resolve(FILE);
        bytes.add(Files.readAllBytes(f));
        modes.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)));
        mtimes.add(Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS));
    }

    private CliProcess.Result rdump(String... args) throws Exception {
        return CliProcess.run(dir, ENV, args);
    }

    private String stamp(int n) {
        return stamps.get(n - 1);
    }

    private static Map<String, TreeSnapshot.Entry> under(TreeSnapshot s, String prefix) {
        Map<String, TreeSnapshot.Entry> out = new TreeMap<>(s.entries());
        out.keySet().removeIf(k -> !k.startsWith(prefix + "/"));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void aFileAsItWasAtBackupThree(String tool) throws Exception {
        Path to = dir.resolve("file3-" + tool);
        CliProcess.Result r = rdump("restore", "hist", "--to", to.toString(), "--tool", tool,
                "--archive", stamp(3), "--path", FILE);

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        Path f = to.resolve(FILE);
        assertThat(Files.readAllBytes(f)).isEqualTo(bytes.get(2)).asString().isEqualTo("v3\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo(modes.get(2))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(mtimes.get(2));
        assertThat(r.stdout()).contains("restore of backup " + stamp(3) + " of volume hist from '" + tool + "'")
                .contains("every file under " + FILE + " matches the manifest (version 3 '" + stamp(3) + "')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void aDirectoryAsItWasAtBackupTwo(String tool) throws Exception {
        Path to = dir.resolve("dir2-" + tool);
        CliProcess.Result r = rdump("restore", "hist", "--to", to.toString(), "--tool", tool,
                "--archive", stamp(2), "--path", "docs");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        TreeSnapshot got = TreeSnapshot.of(to);
        assertThat(under(got, "docs")).isEqualTo(under(trees.get(1), "docs"))
                .containsOnlyKeys("docs/readme", "docs/guide", "docs/current");
        assertThat(got.entries().get("docs")).isEqualTo(trees.get(1).entries().get("docs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void theWholeTreeAtBackupFive(String tool) throws Exception {
        Path to = dir.resolve("full5-" + tool);
        CliProcess.Result r = rdump("restore", "hist", "--to", to.toString(), "--tool", tool);

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(TreeSnapshot.of(to).differencesFrom(trees.get(4))).isEmpty();
        assertThat(Files.getAttribute(to.resolve("data/kept.again"), "unix:ino"))
                .isEqualTo(Files.getAttribute(to.resolve("data/kept.bin"), "unix:ino"));
        assertThat(to.resolve("data/keep.bin")).doesNotExist();
        assertThat(r.stdout()).contains("restore of backup " + stamp(5) + " of volume hist from '" + tool + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void atTakesTheBackupAtItsExactTimeAndTheOlderOneBetweenTwo(String tool) throws Exception {
        Instant t3 = Instant.from(ArchiveInfo.STAMP.parse(stamp(3)));
        Instant t4 = Instant.from(ArchiveInfo.STAMP.parse(stamp(4)));
        for (Instant at : List.of(t3, t3.plusMillis(500), t4.minusMillis(1))) {
            Path to = dir.resolve("at-" + tool + "-" + at.toEpochMilli());
            CliProcess.Result r = rdump("restore", "hist", "--to", to.toString(), "--tool", tool,
                    "--at", at.toString(), "--path", FILE);

            assertThat(r.exitCode()).as(at + ": " + r.stdout() + r.stderr()).isZero();
            assertThat(Files.readAllBytes(to.resolve(FILE))).as(at.toString()).isEqualTo(bytes.get(2));
            assertThat(r.stdout()).contains("restore of backup " + stamp(3) + " of volume hist");
        }
        Path to = dir.resolve("at-" + tool + "-t4");
        CliProcess.Result r = rdump("restore", "hist", "--to", to.toString(), "--tool", tool, "--at", t4.toString(),
                "--path", FILE);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(Files.readAllBytes(to.resolve(FILE))).isEqualTo(bytes.get(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void atBeforeTheFirstBackupIsAClearErrorAndLeavesNoTarget(String tool) throws Exception {
        Instant t1 = Instant.from(ArchiveInfo.STAMP.parse(stamp(1)));
        Path to = dir.resolve("early-" + tool);
        CliProcess.Result r = rdump("restore", "hist", "--to", to.toString(), "--tool", tool,
                "--at", t1.minusSeconds(1).toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains(": no backup of volume hist at or before " + t1.minusSeconds(1) + " in '"
                + tool + "'; the oldest is " + stamp(1) + " ('" + tool + "')");
        assertThat(to).doesNotExist();
    }

    @org.junit.jupiter.api.Nested
    class Facade {
        private org.rdump.core.restore.RestoreResult restore(String name, String archive, String... paths) {
            return org.rdump.core.Rdump.load(dir.resolve("rdump.yaml")).restoreAndCheck(
                    new org.rdump.core.restore.RestoreRequest("hist", dir.resolve(name), "copies", archive, null,
                            List.of(paths), false));
        }

        @org.junit.jupiter.api.Test
        void aFileRestoreReturnsTheBackupTheCountsAndTheVerdict() {
            var r = restore("facade-file", stamp(3), FILE);

            assertThat(r.backup().stamp()).isEqualTo(stamp(3));
            assertThat(r.backup().target().name()).isEqualTo("copies");
            assertThat(r.paths()).containsExactly(FILE);
            assertThat(r.restored()).isEqualTo(1);
            assertThat(r.checked()).isEqualTo(1);
            assertThat(r.verdict()).isEqualTo(org.rdump.core.restore.RestoreResult.Verdict.MATCHES);
            assertThat(r.manifestVersion()).isEqualTo("3 '" + stamp(3) + "'");
            assertThat(r.differences().clean()).isTrue();
        }

        @org.junit.jupiter.api.Test
        void aFullRestoreCountsEveryEntryAndAGlobTheOnesItMatched() {
            var full = restore("facade-full", null);
            assertThat(full.backup().stamp()).isEqualTo(stamp(5));
            assertThat(full.restored()).isEqualTo(trees.get(4).entries().size());
            assertThat(full.checked()).as("everything but the manifest's own files")
                    .isEqualTo(trees.get(4).entries().keySet().stream().filter(k -> !k.startsWith("2sure.")).count());

            var glob = restore("facade-glob", stamp(3), "etc/*.conf");
            assertThat(glob.paths()).containsExactlyInAnyOrder("etc/app.conf", "etc/extra.conf");
            assertThat(glob.restored()).isEqualTo(2);
            assertThat(glob.checked()).isEqualTo(2);
        }

        @org.junit.jupiter.api.Test
        void aDamagedCopyIsTheVerdictDiffersNamingTheFile() throws Exception {
            Path damaged = dir.resolve("backups/hist/" + stamp(1) + "/srv/old.txt");
            Files.delete(damaged); // a new inode: the other copies keep theirs
            Files.writeString(damaged, "damaged\n");

            var r = restore("facade-damaged", stamp(1), "srv");

            assertThat(r.verdict()).isEqualTo(org.rdump.core.restore.RestoreResult.Verdict.DIFFERS);
            assertThat(r.differences().differences()).extracting(org.rdump.api.IntegrityReport.Difference::path)
                    .containsExactly("srv/old.txt");
            assertThat(r.restored()).isEqualTo(2);
        }

        @org.junit.jupiter.api.Test
        void aRestoreThatCannotStartThrowsItsError() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> restore("facade-missing", stamp(1), "new/file"))
                    .isInstanceOf(org.rdump.api.RdumpException.class)
                    .hasMessage("path 'new/file' is not in backup " + stamp(1) + " of volume hist in 'copies' (rsync);"
                            + " it is in backup " + stamp(5) + " (newer); restore from there with --archive");
        }
    }
}
