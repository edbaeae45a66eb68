package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/**
 * {@code hooks:} and {@code dump:} through the command line, with real rsync backups and the
 * real {@code sqlite3}: the hooks run in their phases (a volume's before_backup before its stamp,
 * after_backup once its backup exists) with the outcome in their environment; a failing
 * before_backup fails only its volume, which is then neither written to nor backed up; a hook
 * that outlives its timeout is killed with its process tree; a sqlite3 dump is written into the
 * tree, is in the manifest and in the backup, and restores into a database that answers as the
 * original; a failing dump leaves the previous dump and no partial file; a dry run shows every
 * hook's argument vector; bad hook settings are config errors with their position.
 */
class HooksIT {
    /** A hook that appends its view of the run to hooks.log (in the config's directory, the hooks' working directory). */
    private static final String LOG = "[sh, -c, 'echo \"$RDUMP_HOOK|${RDUMP_VOLUME-none}|$RDUMP_STATUS|$RDUMP_FAILED_PHASE"
            + "|$RDUMP_FAILED_VOLUMES|$RDUMP_VOLUMES|$RDUMP_STAMP\" >> hooks.log']";

    @TempDir
    Path dir;

    private void config(String sampleExtra, String topExtra) throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                simple:
                  - name: sample
                    mount: live
                    actions: [rsure, copies]
                %s
                  - name: other
                    mount: other
                    actions: [rsure, copies]
                    hooks: {before_backup: [%2$s], after_backup: [%2$s], on_error: [%2$s]}
                %3$s
                """.formatted(sampleExtra, LOG, topExtra));
    }

    private List<String> log() throws Exception {
        Path f = dir.resolve("hooks.log");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void hooksRunInTheirPhasesInOrderWithTheOutcomeInTheirEnvironment() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("live"));
        SampleTree.make(dir.resolve("other"));
        config("""
                    hooks:
                      before_backup:
                        - %1$s
                        - [sh, -c, 'if [ -e live/snapstamp ]; then echo "stamp before: $(cat live/snapstamp)"; else echo "stamp before: none"; fi >> hooks.log']
                      after_backup:
                        - %1$s
                        - [sh, -c, 'echo "stamp after: $(cat live/snapstamp), backup: $(ls -d backups/sample/$RDUMP_STAMP)" >> hooks.log']
                      on_error: [%1$s]
                """.formatted(LOG), """
                hooks: {before_backup: [%1$s], after_backup: [%1$s], on_error: [%1$s]}
                """.formatted(LOG));

        CliProcess.Result r = CliProcess.run(dir, "backup");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> log = log();
        String stamp = log.get(0).substring(log.get(0).lastIndexOf('|') + 1);
        assertThat(stamp).matches("\\d{8}T\\d{6}Z");
        assertThat(log).containsExactly(
                "before_backup|none|running|||sample other|" + stamp,
                "before_backup|sample|running|||sample other|" + stamp,
                "stamp before: none",
                "before_backup|other|running|||sample other|" + stamp,
                "after_backup|sample|succeeded|||sample other|" + stamp,
                "stamp after: " + stamp + ", backup: backups/sample/" + stamp,
                "after_backup|other|succeeded|||sample other|" + stamp,
                "after_backup|none|succeeded|||sample other|" + stamp);
        assertThat(r.stdout()).contains("on_error hook not run: sample succeeded");
    }

    @Test
    void aFailingBeforeHookFailsOnlyItsVolumeAndNothingOfItIsWrittenOrBackedUp() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("live"));
        SampleTree.make(dir.resolve("other"));
        config("""
                    hooks:
                      before_backup:
                        - [sh, -c, 'echo "the application would not flush" >&2; exit 3']
                        - %1$s
                      after_backup: [%1$s]
                      on_error: [%1$s, [sh, -c, 'printf "%%s" "$RDUMP_ERROR" > error.txt']]
                """.formatted(LOG), """
                hooks: {on_error: [%1$s]}
                """.formatted(LOG));

        CliProcess.Result r = CliProcess.run(dir, "backup");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("rdump: FAILED sample: run the before_backup hook sh -c ",
                ": volume 'sample': the before_backup hook sh -c 'echo \"the application would not flush\" >&2; exit 3'"
                        + " failed (exit 3); nothing of volume 'sample' was written, snapshotted or backed up, and none of"
                        + " its backups was pruned; its standard error (listed at the end)\n",
                "  the application would not flush");
        assertThat(dir.resolve("live/snapstamp")).as("no stamp written").doesNotExist();
        assertThat(dir.resolve("live/2sure.dat.gz")).as("no manifest written").doesNotExist();
        assertThat(dir.resolve("backups/sample")).as("no backup made").doesNotExist();
        assertThat(dir.resolve("other/2sure.dat.gz")).as("the other volume went on").exists();
        try (Stream<Path> s = Files.list(dir.resolve("backups/other"))) {
            assertThat(s.toList()).hasSize(1);
        }
        List<String> log = log();
        String stamp = log.get(0).substring(log.get(0).lastIndexOf('|') + 1);
        assertThat(log).containsExactly(
                "before_backup|other|running|||sample other|" + stamp,
                "after_backup|sample|failed|prepare|sample|sample other|" + stamp,
                "on_error|sample|failed|prepare|sample|sample other|" + stamp,
                "after_backup|other|succeeded||sample|sample other|" + stamp,
                "on_error|none|failed|prepare|sample|sample other|" + stamp);
        assertThat(Files.readString(dir.resolve("error.txt"))).startsWith(
                "volume 'sample': the before_backup hook sh -c ").contains("the application would not flush");
    }

    @Test
    void aHookThatOutlivesItsTimeoutIsKilledWithItsProcessTree() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("live"));
        SampleTree.make(dir.resolve("other"));
        config("""
                    hooks:
                      before_backup: [[sh, -c, 'sleep 300 & echo $! > child.pid; wait']]
                      timeout: 2s
                """, "");

        long t0 = System.nanoTime();
        CliProcess.Result r = CliProcess.run(dir, "backup");
        double secs = (System.nanoTime() - t0) / 1e9;

        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("volume 'sample': the before_backup hook sh -c 'sleep 300 & echo $! > child.pid;"
                + " wait' timed out after 2s (hooks: timeout), and its process tree was killed; nothing of volume 'sample'");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        // SIGKILL is sent before rdump exits; the orphan is reaped by init a moment later
        for (int i = 0; i < 100 && ProcessHandle.of(child).filter(ProcessHandle::isAlive).isPresent(); i++) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).as("the hook's child was killed").isEmpty();
        assertThat(secs).as("the run did not wait for the hook's child").isLessThan(60);
        assertThat(dir.resolve("backups/sample")).doesNotExist();
        assertThat(dir.resolve("other/2sure.dat.gz")).exists();
    }

    @Test
    void aSqliteDumpIsInTheManifestAndInTheBackupAndRestoresIntoTheSameDatabase() throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("sqlite3", "sqlite3");
        SampleTree.make(dir.resolve("live"));
        SampleTree.make(dir.resolve("other"));
        Path db = dir.resolve("app.db"); // the database lives outside the tree; its dump goes into it
        sqlite(db, "create table notes(id integer primary key, body text);"
                + " insert into notes(body) values ('first'), ('it''s quoted'), ('ünïcödé');");
        config("""
                    dump:
                      - command: [sqlite3, %s, .dump]
                        file: dumps/app.sql
                """.formatted(db), "");

        CliProcess.Result r = CliProcess.run(dir, "backup");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path dump = dir.resolve("live/dumps/app.sql");
        assertThat(dump).hasContent(sqlite(db, ".dump"));
        assertThat(Files.getPosixFilePermissions(dump)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(r.stdout()).contains("dump " + dump + ": ");
        try (Stream<Path> s = Files.list(dump.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("app.sql");
        }
        String stamp = Files.readString(dir.resolve("live/snapstamp")).strip();
        Path copy = dir.resolve("backups/sample/" + stamp);
        assertThat(copy.resolve("dumps/app.sql")).hasSameBinaryContentAs(dump);
        CliProcess.Result show = CliProcess.run(dir, "sure", "-f", copy.resolve("2sure.dat.gz").toString(), "show");
        assertThat(show.exitCode()).as(show.stderr()).isZero();
        assertThat(show.stdout()).as("the manifest inside the backup lists the dump").contains("app.sql");
        CliProcess.Result check = CliProcess.run(dir, "sure", "-f", copy.resolve("2sure.dat.gz").toString(), "-d",
                copy.toString(), "check");
        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();

        CliProcess.Result restore = CliProcess.run(dir, "restore", "sample", "--to", dir.resolve("out").toString(),
                "--path", "dumps/app.sql");
        assertThat(restore.exitCode()).as(restore.stdout() + restore.stderr()).isZero();
        assertThat(restore.stdout()).contains("matches");
        Path restoredDb = dir.resolve("restored.db");
        sqlite(restoredDb, Files.readString(dir.resolve("out/dumps/app.sql")));
        assertThat(sqlite(restoredDb, "select id, body from notes order by id;"))
                .isEqualTo(sqlite(db, "select id, body from notes order by id;"))
                .isEqualTo("1|first\n2|it's quoted\n3|ünïcödé\n");

        // a dump command that fails leaves the previous dump as it was, no partial file, and no backup
        String before = Files.readString(dump);
        config("""
                    dump:
                      - command: [sh, -c, 'echo "half a dump"; echo "database is locked" >&2; exit 5']
                        file: dumps/app.sql
                """, "");
        CliProcess.nextSecond();
        CliProcess.Result failed = CliProcess.run(dir, "backup");
        assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(1);
        assertThat(failed.stderr()).contains("volume 'sample': the dump into " + dump + " failed: sh -c ",
                "failed (exit 5); the previous dump stays as it was, and nothing of volume 'sample' was snapshotted or"
                        + " backed up; its standard error (listed at the end)\n",
                "    database is locked");
        assertThat(dump).hasContent(before);
        try (Stream<Path> s = Files.list(dump.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("app.sql");
        }
        try (Stream<Path> s = Files.list(dir.resolve("backups/sample"))) {
            assertThat(s.toList()).as("no new backup of sample").hasSize(1);
        }
        assertThat(dir.resolve(".rdump.yaml.lock.journal")).as("nothing left open in the journal").doesNotExist();
    }

    @Test
    void aDryRunShowsEveryHookAndDumpWithItsArgumentVectorAndRunsNone() throws Exception {
        SampleTree.make(dir.resolve("live"));
        SampleTree.make(dir.resolve("other"));
        config("""
                    hooks: {before_backup: [[touch, ran-before]], on_error: [[touch, ran-on-error]]}
                    dump: [{command: [sqlite3, /var/lib/app/app.db, .dump], file: dumps/app.sql, env: [PGPASSWORD=hunter2-secret]}]
                """, """
                hooks: {before_backup: [[sh, -c, 'echo "HOOK$((1+1))OUT"; echo "HOOK$((2+1))ERR" >&2']], after_backup: [[touch, ran-after]]}
                """);

        CliProcess.Result r = CliProcess.run(dir, "backup", "--dry-run");

        assertThat(r.stdout()).contains(
                "prepare [sample] run the before_backup hook touch ran-before\n      $ touch ran-before\n",
                "prepare [sample] dump the output of sqlite3 /var/lib/app/app.db .dump into " + dir.resolve(
                        "live/dumps/app.sql") + "\n      $ sqlite3 /var/lib/app/app.db .dump\n      (its standard output to "
                        + dir.resolve("live/dumps/.app.sql.rdump-tmp") + ", renamed to " + dir.resolve("live/dumps/app.sql")
                        + " when it exits 0)\n",
                "finish [sample] run the on_error hook touch ran-on-error (if sample failed)\n      $ touch ran-on-error\n",
                "finish [(run)] run the run's after_backup hook touch ran-after\n      $ touch ran-after\n");
        assertThat(r.stdout() + r.stderr()).doesNotContain("hunter2-secret");
        assertThat(dir.resolve("ran-before")).doesNotExist();
        assertThat(dir.resolve("ran-after")).doesNotExist();
        assertThat(dir.resolve("live/dumps")).doesNotExist();

        CliProcess.Result json = CliProcess.run(dir, "backup", "--dry-run", "--json");
        assertThat(json.stdout().replaceAll("\\s+", "")).contains("\"phase\":\"prepare\"", "\"phase\":\"finish\"",
                "\"argv\":[\"touch\",\"ran-before\"]", "\"environment\":[\"PGPASSWORD\",\"RDUMP_DUMP_FILE\"",
                "\"volume\":\"(run)\",\"description\":\"runtherun'safter_backuphooktouchran-after\"");
        assertValid(json.stdout());

        // for real: the hooks' output (not their argv) goes to the log, never into the one JSON document on stdout
        CliProcess.Result real = CliProcess.run(dir, "-v", "backup", "--json");
        assertThat(real.exitCode()).as(real.stderr()).isEqualTo(1); // /var/lib/app/app.db cannot be opened
        assertValid(real.stdout());
        assertThat(real.stdout()).doesNotContain("HOOK2OUT", "HOOK3ERR", "hunter2-secret")
                .contains("\"volume\" : \"(run)\"", "the dump into " + dir.resolve("live/dumps/app.sql") + " failed");
        assertThat(real.stderr()).contains("rdump: INFO: run before_backup: HOOK2OUT", "HOOK3ERR")
                .doesNotContain("hunter2-secret");
        assertThat(dir.resolve("ran-after")).exists();
        assertThat(dir.resolve("ran-before")).as("sample's hooks ran").exists();
        assertThat(dir.resolve("ran-on-error")).as("sample failed in its dump").exists();
    }

    @Test
    void badHookAndDumpSettingsAreConfigErrorsWithTheirPosition() throws Exception {
        SampleTree.make(dir.resolve("live"));
        SampleTree.make(dir.resolve("other"));
        config("""
                    hooks:
                      before_backup: [systemctl, stop, app]
                      after_backup: 'systemctl start app'
                      timeout: soon
                    dump:
                      - {command: 'pg_dump mydb', file: ../outside.sql}
                """, "");

        CliProcess.Result r = CliProcess.run(dir, "check-config");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
        assertThat(r.stderr()).contains(
                "rdump.yaml:8:7 simple[0].hooks.before_backup: expected a list of argument vectors (each a list of"
                        + " strings, the program first) for 'before_backup', found a list of strings; write each command"
                        + " as its own list: [[systemctl, stop, app]], not [systemctl, stop, app]",
                "rdump.yaml:9:7 simple[0].hooks.after_backup: expected a list of argument vectors",
                "simple[0].dump[0].command: expected an argument vector (a list such as [pg_dump, mydb]) for"
                        + " 'command', found the string 'pg_dump mydb'; rdump runs no shell");
        // once those are fixed, the timeout and the file are checked
        config("""
                    hooks: {before_backup: [[sync]], timeout: soon}
                    dump: [{command: [pg_dump, mydb], file: ../outside.sql}]
                """, "");
        CliProcess.Result r2 = CliProcess.run(dir, "check-config");
        assertThat(r2.exitCode()).as(r2.stdout() + r2.stderr()).isEqualTo(3);
        assertThat(r2.stderr()).contains("rdump: invalid configuration (2 problems):",
                "rdump.yaml:7:38 simple[0].hooks.timeout: expected an age such as 26h",
                "rdump.yaml:8:39 simple[0].dump[0].file: the dump file '../outside.sql' leaves the volume's tree (..); give a path"
                        + " inside it, e.g. dumps/app.sql");
    }

    /** {@code json} is one document valid against docs/rdump-1.schema.json. */
    private static void assertValid(String json) throws Exception {
        com.networknt.schema.Schema schema;
        try (java.io.InputStream in = Files.newInputStream(Path.of("..", "docs", "rdump-1.schema.json"))) {
            schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                    com.networknt.schema.SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        assertThat(schema.validate(Json.MAPPER.readTree(json))).as("schema errors of%n%s", json).isEmpty();
    }

    /** Runs the sqlite3 command-line tool on {@code db} with {@code sql} on stdin; its output. */
    private static String sqlite(Path db, String sql) {
        return new LocalCommandRunner().run(Command.of("sqlite3", db.toString())
                .withStdin(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withTimeout(java.time.Duration.ofMinutes(1))).stdout();
    }
}
