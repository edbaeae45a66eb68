package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/**
 * {@code rdump verify --sample} through the real command line with real rsync dated copies and a
 * real borg repository: successive sampled runs check every entry of the backup exactly once per
 * cycle (proven from the JSON and from the ledger's own rows, read with the sqlite3 tool), the
 * next run starts a new cycle, and {@code status} shows when each destination was last fully
 * covered; a tampered file is found by the run whose sample covers it and by no other; a count
 * works as well as a share; bad values are usage errors.
 */
class SampledVerifyIT {
    private static final String PASSPHRASE = "sampled verify 4Kd";
    private static final Map<String, String> ENV = Map.of("BORG_PASSPHRASE", PASSPHRASE);

    @TempDir
    Path dir;

    private void config() throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("borg", "borg");
        SampleTree.make(dir.resolve("live"));
        Files.createDirectories(dir.resolve("live/srv/empty")); // an empty directory is an entry a sample takes
        Path repo = dir.resolve("repo");
        Path base = dir.resolve("borg-base");
        new LocalCommandRunner().run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", base.toString())
                .withTimeout(Duration.ofMinutes(1)));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                scratch: scratch
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned, keep: 3}
                  vault: {type: borg, repo: '%s', base_dir: '%s', keep_last: 3}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies, vault]
                """.formatted(repo, base));
    }

    private CliProcess.Result rdump(String... args) throws Exception {
        return CliProcess.run(dir, ENV, args);
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result r = rdump(args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    /** Runs {@code rdump --json verify ARGS}, expecting {@code exit}; returns the destination's sample. */
    private JsonNode sample(int exit, String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("--json", "verify"), Stream.of(args)).toArray(String[]::new);
        CliProcess.Result r = rdump(all);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(exit);
        JsonNode doc = Json.MAPPER.readTree(r.stdout());
        assertThat(doc.get("samples")).as(r.stdout()).hasSize(1);
        return doc.get("samples").get(0);
    }

    /** The stamp of the only backup of the rsync copies. */
    private String onlyCopy() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("backups/sample"))) {
            List<String> stamps = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{8}T\\d{6}Z"))
                    .toList();
            assertThat(stamps).hasSize(1);
            return stamps.get(0);
        }
    }

    /**
     * What a sample draws from: every entry of the live tree but its non-empty directories and
     * rdump's manifest files (snapstamp is in the manifest).
     */
    private Set<String> entries() throws Exception {
        Path live = dir.resolve("live");
        try (Stream<Path> s = Files.walk(live)) {
            Set<String> out = new HashSet<>();
            for (Path p : s.filter(p -> !p.equals(live)).toList()) {
                String rel = live.relativize(p).toString();
                boolean parent = Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.list(p).findAny().isPresent();
                if (!parent && !rel.startsWith("2sure.")) {
                    out.add(rel);
                }
            }
            return out;
        }
    }

    private static List<String> paths(JsonNode sample) {
        List<String> out = new ArrayList<>();
        sample.get("paths").forEach(p -> out.add(p.asText()));
        return out;
    }

    private List<String> sqlite(String query) throws Exception {
        RequiredTools.need("sqlite3", "sqlite3");
        return new LocalCommandRunner().run(Command.of("sqlite3", dir.resolve(".rdump.yaml.lock.ledger").toString(),
                query).withTimeout(Duration.ofMinutes(1))).stdoutLines();
    }

    @ParameterizedTest
    @ValueSource(strings = {"copies", "vault"})
    void fourRunsOfAQuarterCoverEveryEntryOnceAndTheFifthStartsANewCycle(String tool) throws Exception {
        config();
        ok("backup");
        Set<String> all = entries();
        assertThat(all).hasSize(28).contains("srv/empty", "snapstamp", "home/alice/host.conf");
        long quarter = (all.size() + 3) / 4; // 25% rounded up: 7, 7, 7 and the last 7
        List<String> seen = new ArrayList<>();
        for (int run = 1; run <= 4; run++) {
            JsonNode s = sample(0, "sample", "--tool", tool, "--sample", "25%");
            assertThat(s.get("cycle").asLong()).isEqualTo(1);
            assertThat(s.get("newCycle").asBoolean()).isEqualTo(run == 1);
            assertThat(s.get("entries").asLong()).isEqualTo(all.size());
            assertThat(s.get("verdict").asText()).isEqualTo("matches");
            assertThat(s.get("completesCycle").asBoolean()).as("run %d", run).isEqualTo(run == 4);
            assertThat(paths(s)).hasSize((int) Math.min(quarter, all.size() - seen.size()));
            if (!seen.isEmpty()) {
                assertThat(paths(s)).as("run %d repeats nothing", run).doesNotContainAnyElementsOf(seen);
            }
            seen.addAll(paths(s));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);

        JsonNode fifth = sample(0, "sample", "--tool", tool, "--sample", "25%");
        assertThat(fifth.get("cycle").asLong()).isEqualTo(2);
        assertThat(fifth.get("newCycle").asBoolean()).isTrue();
        assertThat(paths(fifth)).hasSize((int) quarter);

        // the ledger's own rows: one per run, the counts adding up to every entry, the fourth completing cycle 1
        assertThat(sqlite("SELECT s.cycle, s.entries, s.count, s.completes, v.verdict FROM sample s JOIN verification v"
                + " ON v.id = s.verification WHERE v.destination = '" + tool + "' ORDER BY v.id")).containsExactly(
                "1|28|7|0|matches", "1|28|7|0|matches", "1|28|7|0|matches", "1|28|7|1|matches", "2|28|7|0|matches");
        assertThat(sqlite("SELECT count(DISTINCT seed) FROM sample s JOIN verification v ON v.id = s.verification"
                + " WHERE v.destination = '" + tool + "'")).as("a new cycle, a new seed").containsExactly("2");

        String status = ok("status").stdout();
        assertThat(status).contains("last sampled check ").contains(": 7 entries of 28, matches")
                .contains("sample cycle 2: 7 entries checked in 1 run since ")
                .containsPattern("last fully covered: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ \\(cycle 1: 28 entries in"
                        + " 4 runs since .*, backup \\d{8}T\\d{6}Z, no difference\\)")
                .contains("proven restorable: never"); // a cycle of samples is no full test restore
        JsonNode json = Json.MAPPER.readTree(ok("--json", "status").stdout());
        JsonNode dest = null;
        for (JsonNode d : json.get("volumes").get(0).get("destinations")) {
            if (d.get("destination").asText().equals(tool)) {
                dest = d;
            }
        }
        assertThat(dest.get("lastFullyCovered").get("cycle").asLong()).isEqualTo(1);
        assertThat(dest.get("lastFullyCovered").get("runs").asLong()).isEqualTo(4);
        assertThat(dest.get("lastFullyCovered").get("checked").asLong()).isEqualTo(28);
        assertThat(dest.get("sampleCycle").get("complete").asBoolean()).isFalse();
        assertThat(dest.get("newestProven").isNull()).isTrue();
        assertThat(dest.get("lastSample").get("sample").get("completesCycle").asBoolean()).isFalse();
    }

    @Test
    void aTamperedFileIsFoundByTheRunWhoseSampleCoversItAndByNoOther() throws Exception {
        config();
        ok("backup");
        String stamp = onlyCopy();
        Path damaged = dir.resolve("backups/sample/" + stamp + "/home/alice/notes/note-13.txt");
        Files.writeString(damaged, "note 13: changed in the backup\n");
        int found = 0;
        for (int run = 1; run <= 4; run++) {
            CliProcess.Result r = rdump("--json", "verify", "sample", "--tool", "copies", "--sample", "25%");
            JsonNode s = Json.MAPPER.readTree(r.stdout()).get("samples").get(0);
            if (paths(s).contains("home/alice/notes/note-13.txt")) {
                found++;
                assertThat(r.exitCode()).as("the run that covers it: " + r.stderr()).isEqualTo(5);
                assertThat(s.get("verdict").asText()).isEqualTo("differs");
                assertThat(s.get("differences")).singleElement().satisfies(d -> {
                    assertThat(d.get("path").asText()).isEqualTo("home/alice/notes/note-13.txt");
                    assertThat(d.get("change").asText()).isEqualTo("changed");
                });
                CliProcess.Result check = rdump("status", "--check");
                assertThat(check.exitCode()).isEqualTo(2);
                assertThat(check.stdout()).startsWith("RDUMP CRITICAL - sample: the sampled check of " + stamp
                        + " from 'copies' ").contains(" found 1 difference");
            } else {
                assertThat(r.exitCode()).as("run %d does not cover it: %s", run, r.stderr()).isZero();
                assertThat(s.get("verdict").asText()).isEqualTo("matches");
            }
        }
        assertThat(found).as("exactly one run of the cycle covers it").isEqualTo(1);
        // a later clean slice does not hide the damage: still CRITICAL until a full verify or a clean cycle
        assertThat(rdump("status", "--check").exitCode()).isEqualTo(2);
        assertThat(rdump("verify", "sample", "--tool", "copies").exitCode()).isEqualTo(5);
        Files.writeString(damaged, "note 13: a backup is worth its last restore\n");
        Files.setLastModifiedTime(damaged, Files.getLastModifiedTime(dir.resolve("live/home/alice/notes/note-13.txt")));
        ok("verify", "sample", "--tool", "copies");
        assertThat(rdump("status", "--check", "--max-unverified", "30d").stdout()).doesNotContain("sampled check");
    }

    @Test
    void aCountOfThreeTakesThreeEntriesAndTheDryRunNamesTheNextOnes() throws Exception {
        config();
        ok("backup");
        JsonNode first = sample(0, "sample", "--tool", "vault", "--sample", "3");
        assertThat(paths(first)).hasSize(3);
        String dry = ok("verify", "sample", "--tool", "vault", "--sample", "3", "--dry-run").stdout();
        assertThat(dry).contains("cycle 1, would check 3 entries of 28:").contains("borg extract");
        JsonNode second = sample(0, "sample", "--tool", "vault", "--sample", "3");
        assertThat(paths(second)).hasSize(3).doesNotContainAnyElementsOf(paths(first));
        for (String p : paths(second)) {
            assertThat(dry).as("the dry run named what the next run checked").contains("\n    " + p + "\n");
        }
        assertThat(sqlite("SELECT count(*) FROM sample")).containsExactly("2"); // the dry run recorded nothing
        // 100% is a full test restore, which proves the backup restorable
        ok("verify", "sample", "--tool", "vault", "--sample", "100%");
        assertThat(ok("status").stdout()).contains("proven restorable: " + onlyCopy() + " in 'vault'");
    }

    @Test
    void badSampleValuesAreUsageErrors() throws Exception {
        config();
        for (String[] bad : List.of(new String[] {"0", "--sample 0: a sample of 0 entries checks nothing"},
                new String[] {"101%", "--sample 101%: more than 100%"},
                new String[] {"0%", "--sample 0%: a sample of 0% checks nothing"},
                new String[] {"abc", "--sample abc: not a number of entries or a share"})) {
            CliProcess.Result r = rdump("verify", "--sample", bad[0]);
            assertThat(r.exitCode()).as(bad[0] + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).contains(bad[1] + "; give a share of the backup's entries such as 5% (more than 0%,"
                    + " at most 100%) or a number of entries such as 1000");
        }
    }
}
