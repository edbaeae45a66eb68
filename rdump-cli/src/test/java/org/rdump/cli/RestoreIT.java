package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code rdump list} and {@code rdump restore} end to end with real rsync (dated copies) and real
 * borg: one volume backed up twice to both, the tree changed in between. Restores are compared
 * with the live tree as it was at each backup by an independent walk ({@link TreeSnapshot}), not
 * by rdump's own manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreIT {
    private static final String PASSPHRASE = BackedUpSample.PASSPHRASE;

    private BackedUpSample sample;
    private Path dir;
    private Path live;
    private String first;
    private String second;
    private TreeSnapshot atFirst;
    private TreeSnapshot atSecond;

    @BeforeAll
    void twoBackupsToTwoTools(@TempDir Path shared) throws Exception {
        sample = BackedUpSample.in(shared);
        dir = sample.dir;
        live = sample.live;
        first = sample.backup();
        atFirst = TreeSnapshot.of(live);
        CliProcess.nextSecond();
        TreeFixture.at(live).file("etc/version", "two\n").file("etc/added.txt", "new in the second\n")
                .delete("home/alice/notes/note-20.txt");
        second = sample.backup();
        atSecond = TreeSnapshot.of(live);
    }

    private CliProcess.Result rdump(String... args) throws Exception {
        return sample.rdump(args);
    }

    private Path copy(String stamp) {
        return sample.copy(stamp);
    }

    @Nested
    class Listing {
        @Test
        void listJsonShowsEveryBackupInBothToolsNewestFirst() throws Exception {
            CliProcess.Result r = rdump("list", "sample", "--json");

            assertThat(r.exitCode()).as(r.stderr()).isZero();
            JsonNode backups = Json.MAPPER.readTree(r.stdout()).get("backups");
            List<String> rows = new ArrayList<>();
            backups.forEach(b -> rows.add(b.get("stamp").asText() + " " + b.get("tool").asText() + " "
                    + b.get("type").asText() + " " + b.get("id").asText() + " " + b.get("where").asText() + " "
                    + b.get("manifestVersion").asText()));
            assertThat(rows).containsExactly(
                    second + " copies rsync " + second + " " + copy(second) + " 2 '" + second + "'",
                    second + " vault borg sample-" + second + " sample-" + second + " null",
                    first + " copies rsync " + first + " " + copy(first) + " 1 '" + first + "'",
                    first + " vault borg sample-" + first + " sample-" + first + " null");
            assertThat(backups.get(0).get("size").isNull()).as("rsync tells no size").isTrue();
            assertThat(backups.get(1).get("size").asLong()).as("borg's original_size").isPositive();
            assertThat(backups.get(0).get("time").asText())
                    .isEqualTo(Instant.from(ArchiveInfo.STAMP.parse(second)).toString());
        }

        @Test
        void listTextHasAHeaderAndOneLinePerBackupOfTheNamedTool() throws Exception {
            CliProcess.Result r = rdump("list", "--tool", "vault");

            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.lines()).hasSize(3);
            assertThat(r.lines().get(0)).matches("VOLUME +STAMP +TIME +TOOL +WHERE +SIZE +MANIFEST +VERIFIED");
            assertThat(r.lines().get(1)).matches("sample +" + second + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ"
                    + " +vault \\(borg\\) +sample-" + second + " +\\d+(\\.\\d [KMG]i)?B +- +(-|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ .+)");
            assertThat(r.lines().get(2)).contains(first);
        }
    }

    @Nested
    class Identity {
        @Test
        void verifyByStampChecksThatBackupInBothTools() throws Exception {
            CliProcess.Result r = rdump("verify", "--archive", first);

            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout()).contains(
                    "test restore of " + first + " (volume sample, 'copies'): every file matches the manifest",
                    "test restore of sample-" + first + " (volume sample, 'vault'): every file matches the manifest");
        }

        @Test
        void verifyByBorgsArchiveNameInThatToolOnly() throws Exception {
            CliProcess.Result r = rdump("verify", "--archive", "sample-" + first, "--tool", "vault");

            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout()).contains("test restore of sample-" + first
                    + " (volume sample, 'vault'): every file matches the manifest").doesNotContain("'copies'");
        }

        @Test
        void thePlanNamesWhatEachToolStores() throws Exception {
            CliProcess.Result r = rdump("backup", "--dry-run");

            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).containsPattern("rsync backup of \\S+/live to 'copies' as "
                    + java.util.regex.Pattern.quote(dir.resolve("backups/sample").toString()) + "/\\d{8}T\\d{6}Z\n")
                    .containsPattern("borg backup of \\S+/live to 'vault' as sample-\\d{8}T\\d{6}Z\n");
        }
    }

    @Nested
    class FullRestore {
        @Test
        void fromEachToolGivesTheTreeAsItWasWithModesTimesSymlinksAndHardLinks() throws Exception {
            for (String tool : List.of("copies", "vault")) {
                Path to = dir.resolve("full-" + tool);
                CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", tool);

                assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
                assertThat(TreeSnapshot.of(to).differencesFrom(atSecond)).as(tool).isEmpty();
                assertThat(Files.getAttribute(to.resolve("var/lib/app/data.link"), "unix:ino"))
                        .isEqualTo(Files.getAttribute(to.resolve("var/lib/app/data.bin"), "unix:ino"));
                assertThat(Files.readSymbolicLink(to.resolve("home/alice/host.conf"))).hasToString("../etc/host.conf");
                String type = tool.equals("copies") ? "rsync" : "borg";
                assertThat(r.stdout()).contains("restore of backup " + second + " of volume sample from '" + tool
                        + "' (" + type + ") into " + to + ": every file matches the manifest (version 2 '"
                        + second + "')");
            }
        }

        @Test
        void atPicksTheNewestBackupAtOrBeforeTheTime() throws Exception {
            Instant t1 = Instant.from(ArchiveInfo.STAMP.parse(first));
            Path exact = dir.resolve("at-exact");
            CliProcess.Result r = rdump("restore", "sample", "--to", exact.toString(), "--at", t1.toString());
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(TreeSnapshot.of(exact).differencesFrom(atFirst)).isEmpty();
            assertThat(r.stdout()).contains("restore of backup " + first + " of volume sample from 'copies' (rsync)");

            Path between = dir.resolve("at-between");
            Instant t2 = Instant.from(ArchiveInfo.STAMP.parse(second));
            r = rdump("restore", "sample", "--to", between.toString(), "--tool", "vault",
                    "--at", t2.minusMillis(1).toString());
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(Files.readString(between.resolve("etc/version"))).isEqualTo("one\n");

            r = rdump("restore", "sample", "--to", dir.resolve("at-early").toString(), "--at", "2020-01-01T00:00:00Z");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains(": no backup of volume sample at or before 2020-01-01T00:00:00Z in"
                    + " 'copies', 'vault'; the oldest is " + first + " ('copies')");
        }
    }

    @Nested
    class PathRestore {
        @Test
        void onlyTheNamedPathsAreRestoredAndChecked() throws Exception {
            for (String tool : List.of("copies", "vault")) {
                Path to = dir.resolve("paths-" + tool);
                CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", tool,
                        "--archive", first, "--path", "etc", "--path", "./home/alice/notes/note-20.txt");

                assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
                TreeSnapshot got = TreeSnapshot.of(to);
                assertThat(got.entries().keySet()).filteredOn(p -> !p.equals("home") && !p.equals("home/alice")
                        && !p.equals("home/alice/notes")).allMatch(p -> p.startsWith("etc")
                        || p.equals("home/alice/notes/note-20.txt"));
                got.entries().forEach((p, e) -> {
                    if (p.startsWith("etc") || p.endsWith("note-20.txt")) {
                        assertThat(e).as(tool + " " + p).isEqualTo(atFirst.entries().get(p));
                    }
                });
                assertThat(Files.readString(to.resolve("etc/version"))).isEqualTo("one\n");
                assertThat(r.stdout()).contains("into " + to + ": every file under etc,"
                        + " home/alice/notes/note-20.txt matches the manifest (version 1 '" + first + "')");
            }
        }

        @Test
        void aPathNotInTheBackupIsAnErrorAndLeavesNoTarget() throws Exception {
            for (String tool : List.of("copies", "vault")) {
                Path to = dir.resolve("missing-" + tool);
                CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", tool,
                        "--archive", first, "--path", "etc/added.txt");

                assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
                String type = tool.equals("copies") ? "rsync" : "borg";
                assertThat(r.stderr()).contains(": path 'etc/added.txt' is not in backup " + first
                        + " of volume sample in '" + tool + "' (" + type + "); it is in backup " + second
                        + " (newer); restore from there with --archive");
                assertThat(to).doesNotExist();
            }
        }

        @Test
        void aPathRemovedLaterNamesTheOlderBackupThatHasIt() throws Exception {
            for (String tool : List.of("copies", "vault")) {
                Path to = dir.resolve("removed-" + tool);
                CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", tool,
                        "--path", "home/alice/notes/note-20.txt");

                assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
                String type = tool.equals("copies") ? "rsync" : "borg";
                assertThat(r.stderr()).contains(": path 'home/alice/notes/note-20.txt' is not in backup " + second
                        + " of volume sample in '" + tool + "' (" + type + "); it is in backup " + first
                        + " (older); restore from there with --archive");
                assertThat(to).doesNotExist();
            }
        }

        @Test
        void aGlobRestoresAndChecksExactlyTheManifestPathsItMatches() throws Exception {
            for (String tool : List.of("copies", "vault")) {
                Path to = dir.resolve("glob-" + tool);
                CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", tool,
                        "--path", "etc/*.conf", "--path", "etc/v?rsion");

                assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
                assertThat(TreeSnapshot.of(to).entries().keySet())
                        .containsExactlyInAnyOrder("etc", "etc/host.conf", "etc/version");
                assertThat(TreeSnapshot.of(to).entries().get("etc/version")).isEqualTo(atSecond.entries().get("etc/version"));
                assertThat(r.stdout()).contains("into " + to + ": every file under etc/host.conf, etc/version matches"
                        + " the manifest (version 2 '" + second + "')");
            }
        }

        @Test
        void aDryRunSaysTheGlobsAreMatchedAgainstTheManifest() throws Exception {
            Path to = dir.resolve("glob-dry");
            CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", "copies",
                    "--path", "etc/*.conf", "--dry-run");

            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout()).contains("  etc/*.conf match etc/host.conf in the 2sure.dat.gz inside the backup\n")
                    .contains(" --relative " + copy(second) + "/./etc/host.conf " + to + "/\n");
            assertThat(to).doesNotExist();
            assertThat(dir.resolve("scratch/rdump-dry-run/paths-copies-" + second)).doesNotExist();
        }

        @Test
        void aGlobMatchingNothingIsAnErrorAndLeavesNoTarget() throws Exception {
            Path to = dir.resolve("glob-none");
            CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", "copies",
                    "--path", "etc/*.nope");

            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
            assertThat(r.stderr()).contains(": no path matching 'etc/*.nope' is in backup " + second
                    + " of volume sample in 'copies' (rsync); no other backup of it has it either; 'rdump list sample'"
                    + " shows its backups");
            assertThat(to).doesNotExist();
        }

        @Test
        void dotDotAndAbsolutePathsAreRefused() throws Exception {
            CliProcess.Result r = rdump("restore", "sample", "--to", dir.resolve("x").toString(), "--path", "etc/../..");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr()).contains("restore path 'etc/../..' contains '..'; give a path inside the volume,"
                    + " relative to its root");

            r = rdump("restore", "sample", "--to", dir.resolve("x").toString(), "--path", "/etc/host.conf");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr()).contains("restore path '/etc/host.conf' is absolute; give it relative to the"
                    + " volume's root, e.g. 'etc/host.conf'");
            assertThat(dir.resolve("x")).doesNotExist();
        }
    }

    @Nested
    class Safety {
        @Test
        void aNonEmptyTargetIsRefusedWithoutOverwrite() throws Exception {
            Path to = dir.resolve("busy");
            TreeFixture.at(to).file("mine.txt", "keep me\n");

            CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", "copies");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains(": restore target " + to + " is not empty; restore into a new or"
                    + " empty directory, or give --overwrite to write over what is there");
            assertThat(to.resolve("etc")).doesNotExist();

            r = rdump("restore", "sample", "--to", to.toString(), "--tool", "copies", "--path", "etc", "--overwrite");
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(Files.readString(to.resolve("mine.txt"))).isEqualTo("keep me\n");
            assertThat(to.resolve("etc/host.conf")).exists();
        }

        @Test
        void aDryRunPrintsTheExactCommandsAndWritesNothing() throws Exception {
            Path to = dir.resolve("dry");
            CliProcess.Result r = rdump("restore", "sample", "--to", to.toString(), "--tool", "vault",
                    "--archive", first, "--path", "etc/host.conf", "--dry-run");

            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.lines()).contains(
                    "  backup " + first + " in 'vault' (borg): sample-" + first + "; restore into " + to,
                    "      $ borg extract --sparse --log-json ::sample-" + first + " pp:etc/host.conf",
                    "  check the restored files against the 2sure.dat.gz inside the backup");
            assertThat(to).doesNotExist();
            assertThat(r.stdout()).doesNotContain(PASSPHRASE);
        }
    }

    /** A dated copy damaged after the backup: the restore of it exits 5 and names the file by its volume path. */
    @Test
    void aTamperedCopyRestoresWithExit5NamingTheVolumePath(@TempDir Path own) throws Exception {
        Path tree = SampleTree.make(own.resolve("live"));
        CliProcess.write(own.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                simple:
                  - {name: sample, mount: live, actions: [rsure, copies]}
                """);
        assertThat(CliProcess.run(own, "backup").exitCode()).isZero();
        String stamp = Files.readString(tree.resolve("snapstamp")).strip();
        SampleTree.tamper(own.resolve("backups/sample/" + stamp));
        Path to = own.resolve("out");

        CliProcess.Result r = CliProcess.run(own, "restore", "sample", "--to", to.toString(), "--path", "etc");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(5);
        assertThat(SampleTree.differenceLines(r.stdout())).containsExactly(
                "+ file                   \"etc/extra.txt\"",
                "  [perm                ] \"etc/hello.sh\"",
                "  [sha1                ] \"etc/host.conf\"");
        assertThat(r.stderr()).contains("rdump: FAILED sample: ").contains(": restore of backup " + stamp
                + " of volume sample from 'copies' (rsync) into " + to + " (manifest version 1 '" + stamp + "'): 3"
                + " differences from the manifest (listed at the end)");
        assertThat(r.stderr().lines()).as("the error is printed once").hasSize(1);
        assertThat(to.resolve("etc/host.conf")).as("what came back stays for the user to see").exists();
    }
}
