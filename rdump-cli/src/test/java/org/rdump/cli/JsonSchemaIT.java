package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.cli.CliProcess.Result;
import org.rdump.core.run.Journal;
import org.rdump.testkit.RequiredTools;

/**
 * Every command's {@code --json} document, from the real command line in a child JVM, validated
 * against docs/rdump-1.schema.json (which forbids undocumented fields): successes, failures and
 * usage errors. Each test also checks a few values, so that a valid but empty document fails.
 */
class JsonSchemaIT {
    private static Schema schema;

    @TempDir
    Path dir;

    private ZfsPools pools;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = Path.of("..", "docs", "rdump-1.schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @AfterEach
    void destroyPools() {
        if (pools != null) {
            pools.close();
        }
    }

    /** Runs {@code rdump --json ARGS}, checks the exit code and the schema, and returns the document. */
    private JsonNode json(int exitCode, String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("--json"), Stream.of(args)).toArray(String[]::new);
        Result r = CliProcess.run(dir, all);
        assertThat(r.exitCode()).as("exit code of %s; stderr: %s", List.of(args), r.stderr()).isEqualTo(exitCode);
        JsonNode doc = Json.MAPPER.readTree(r.stdout());
        assertThat(r.stdout().strip()).as("exactly one document").isEqualTo(
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        assertThat(schema.validate(doc)).as("schema errors of %s:%n%s", List.of(args), r.stdout()).isEmpty();
        assertThat(doc.get("schema").asText()).isEqualTo("rdump/1");
        assertThat(doc.get("exitCode").asInt()).isEqualTo(exitCode);
        assertThat(doc.has("error")).as("error exactly when the exit code is not 0").isEqualTo(exitCode != 0);
        return doc;
    }

    private Path quickstart() throws IOException {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("sample"));
        return CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies:
                    type: rsync
                    dest: backups
                    mode: versioned
                    keep: 5
                simple:
                  - name: sample
                    mount: sample
                    actions: [rsure, copies]
                lock: %s
                """.formatted(dir.resolve("run/lock")));
    }

    /** What a killed run leaves: a file, and the open journal record that says how to remove it. */
    private Path leftover(String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "left by a killed run");
        Files.createDirectories(dir.resolve("run"));
        try (Journal j = Journal.open(Journal.beside(dir.resolve("run/lock")))) {
            j.record(Undo.of("temp-files", file.toString(), "sample", new UndoAction.Delete(file)));
        }
        return file;
    }

    @Test
    void theSchemaRejectsAnUndocumentedField() throws Exception {
        JsonNode doc = Json.MAPPER.readTree("{\"schema\":\"rdump/1\",\"command\":\"list\",\"exitCode\":0,"
                + "\"backups\":[],\"extra\":1}");
        assertThat(schema.validate(doc)).isNotEmpty();
        JsonNode noError = Json.MAPPER.readTree("{\"schema\":\"rdump/1\",\"command\":\"list\",\"exitCode\":3}");
        assertThat(schema.validate(noError)).as("a failure without its error").isNotEmpty();
    }

    @Test
    void backupDryRunVerifyListRestoreAndRecover() throws Exception {
        quickstart();
        JsonNode dry = json(0, "backup", "--dry-run");
        // --json also after the command word, as users type it
        Result after = CliProcess.run(dir, "backup", "--dry-run", "--json");
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        JsonNode afterDoc = Json.MAPPER.readTree(after.stdout());
        assertThat(schema.validate(afterDoc)).as(after.stdout()).isEmpty();
        assertThat(afterDoc.get("command").asText()).isEqualTo("backup");
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("steps")).anySatisfy(s -> {
            assertThat(s.get("phase").asText()).isEqualTo("backup");
            assertThat(s.get("actions").get(0).get("argv").get(0).asText()).isEqualTo("rsync");
        });

        Path left = leftover("left-1");
        JsonNode backup = json(0, "backup", "--verify");
        assertThat(left).doesNotExist();
        assertThat(backup.get("recovered")).singleElement().satisfies(u -> {
            assertThat(u.get("kind").asText()).isEqualTo("temp-files");
            assertThat(u.get("identity").asText()).isEqualTo(left.toString());
        });
        JsonNode volume = backup.get("volumes").get(0);
        assertThat(volume.get("volume").asText()).isEqualTo("sample");
        assertThat(volume.get("outcome").asText()).isEqualTo("succeeded");
        JsonNode copy = find(volume.get("steps"), "backup");
        assertThat(copy.get("created").get(0).get("kind").asText()).isEqualTo("archive");
        assertThat(copy.get("created").get(0).get("where").asText()).isEqualTo("copies");
        assertThat(copy.get("files").asLong()).isPositive();
        assertThat(copy.get("bytes").asLong()).isPositive();
        JsonNode manifest = find(volume.get("steps"), "integrity", "update the manifest");
        assertThat(manifest.get("created").get(0).get("kind").asText()).isEqualTo("manifest_version");
        assertThat(find(volume.get("steps"), "verify").get("outcome").asText()).isEqualTo("performed");
        String stamp = copy.get("created").get(0).get("name").asText();

        JsonNode list = json(0, "list");
        assertThat(list.get("backups").get(0).get("stamp").asText()).isEqualTo(stamp);
        assertThat(list.get("backups").get(0).get("lastVerification").get("verdict").asText()).isEqualTo("matches");
        JsonNode status = json(0, "status");
        assertThat(status.get("volumes").get(0).get("newestProven").get("stamp").asText()).isEqualTo(stamp);
        JsonNode check = json(0, "status", "--check");
        assertThat(check.get("state").asText()).isEqualTo("OK");

        json(0, "verify", "--dry-run");
        JsonNode restore = json(0, "restore", "sample", "--to", "restored");
        assertThat(restore.get("restore").get("verdict").asText()).isEqualTo("matches");
        assertThat(restore.get("restore").get("backup").get("stamp").asText()).isEqualTo(stamp);
        json(0, "restore", "sample", "--to", "again", "--dry-run");

        // the backup damaged: verify finds the differences, with volume-relative paths
        SampleTree.tamper(dir.resolve("backups/sample/" + stamp));
        JsonNode verify = json(5, "verify");
        assertThat(verify.get("error").get("type").asText()).isEqualTo("differences");
        JsonNode failed = find(verify.get("volumes").get(0).get("steps"), "verify");
        assertThat(failed.get("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get("differences")).anySatisfy(d -> {
            assertThat(d.get("path").asText()).isEqualTo("etc/host.conf");
            assertThat(d.get("change").asText()).isEqualTo("changed");
            assertThat(d.get("kind").asText()).isEqualTo("file");
            assertThat(d.get("attributes").get(0).asText()).isEqualTo("sha1");
        });
        JsonNode critical = json(2, "status", "--check");
        assertThat(critical.get("state").asText()).isEqualTo("CRITICAL");
        assertThat(critical.get("error").get("type").asText()).isEqualTo("status");
        JsonNode restoreBad = json(5, "restore", "sample", "--to", "bad");
        assertThat(restoreBad.get("restore").get("differences")).anySatisfy(
                d -> assertThat(d.get("path").asText()).isEqualTo("home/alice/notes/note-7.txt"));
        assertThat(json(3, "restore", "nosuch", "--to", "x").get("error").get("type").asText()).isEqualTo("config");

        assertThat(json(0, "recover").get("undone")).isEmpty();
        Path again = leftover("left-2");
        JsonNode recover = json(0, "recover");
        assertThat(recover.get("undone")).singleElement()
                .satisfies(u -> assertThat(u.get("identity").asText()).isEqualTo(again.toString()));
        assertThat(again).doesNotExist();
    }

    @Test
    void systemdPrintedInstalledAndRefused() throws Exception {
        RequiredTools.need("systemd", "systemd-analyze");
        quickstart();
        Path launcher = CliProcess.write(dir.resolve("image/usr/bin/rdump"), "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        CliProcess.write(dir.resolve("image/etc/rdump/rdump.yaml"), Files.readString(dir.resolve("rdump.yaml")));
        JsonNode printed = json(0, "systemd", "--exec", launcher.toString(), "--on-calendar", "Sun 03:00");
        assertThat(printed.get("installed").asBoolean()).isFalse();
        assertThat(printed.get("execStart").get(0).asText()).isEqualTo(launcher.toString());
        assertThat(printed.get("onCalendar").get(0).get("nextElapse").asText()).startsWith("Sun ");
        assertThat(printed.get("units").get(0).get("action").asText()).isEqualTo("printed");
        assertThat(printed.get("units").get(1).get("text").asText()).contains("OnCalendar=Sun 03:00\n");
        String root = dir.resolve("image").toString();
        JsonNode installed = json(0, "systemd", "--install", "--root", root, "--exec", "/usr/bin/rdump");
        assertThat(installed.get("units").get(0).get("action").asText()).isEqualTo("written");
        assertThat(installed.get("units").get(0).get("path").asText()).isEqualTo(root + "/etc/systemd/system/rdump.service");
        assertThat(installed.get("timeoutSeconds").isNull()).isTrue();
        JsonNode refused = json(1, "systemd", "--install", "--root", root, "--exec", "/usr/bin/rdump", "--timeout", "2h");
        assertThat(refused.get("command").asText()).isEqualTo("systemd");
        assertThat(refused.get("error").get("message").asText()).contains("Pass --force");
    }

    @Test
    void sampledVerifyAndTheCoverageInStatusAndList() throws Exception {
        quickstart();
        json(0, "backup");
        json(0, "verify", "--sample", "50%", "--dry-run");
        JsonNode first = json(0, "verify", "--sample", "50%");
        assertThat(first.get("samples").get(0).get("newCycle").asBoolean()).isTrue();
        JsonNode second = json(0, "verify", "--sample", "50%");
        assertThat(second.get("samples").get(0).get("completesCycle").asBoolean()).isTrue();
        JsonNode status = json(0, "status");
        JsonNode dest = status.get("volumes").get(0).get("destinations").get(0);
        assertThat(dest.get("lastFullyCovered").get("runs").asInt()).isEqualTo(2);
        assertThat(dest.get("lastSample").get("kind").asText()).isEqualTo("sample");
        assertThat(json(0, "list").get("backups").get(0).get("lastVerification").get("kind").asText())
                .isEqualTo("sample");
        String stamp = first.get("samples").get(0).get("stamp").asText();
        SampleTree.tamper(dir.resolve("backups/sample/" + stamp));
        JsonNode damaged = json(5, "verify", "--sample", "100");
        assertThat(damaged.get("samples").get(0).get("verdict").asText()).isEqualTo("differs");
        assertThat(json(2, "status", "--check").get("state").asText()).isEqualTo("CRITICAL");
        json(2, "verify", "--sample", "0");
    }

    @Test
    void checkConfigValidInvalidAndPreflight() throws Exception {
        quickstart();
        JsonNode valid = json(0, "check-config");
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("volumes").get(0).get("name").asText()).isEqualTo("sample");
        assertThat(json(0, "check-config", "--preflight").get("preflight")).isEmpty();

        CliProcess.write(dir.resolve("bad.yaml"), "simple:\n  - name: boot\n    mount: /boot\n    actoins: [rsure]\n");
        JsonNode invalid = json(3, "--config", "bad.yaml", "check-config");
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("problems")).anySatisfy(p -> {
            assertThat(p.get("file").asText()).endsWith("bad.yaml");
            assertThat(p.get("line").asInt()).isEqualTo(4);
            assertThat(p.get("column").asInt()).isEqualTo(5);
            assertThat(p.get("keyPath").asText()).isEqualTo("simple[0].actoins");
            assertThat(p.get("message").asText()).startsWith("unknown key 'actoins'");
        });
        JsonNode backup = json(3, "--config", "bad.yaml", "backup");
        assertThat(backup.get("command").asText()).isEqualTo("backup");
        assertThat(backup.get("error").get("problems")).hasSize(invalid.get("problems").size());

        CliProcess.write(dir.resolve("nomount.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups}
                simple:
                  - {name: sample, mount: nothere, actions: [copies]}
                """);
        JsonNode pre = json(3, "--config", "nomount.yaml", "check-config", "--preflight");
        assertThat(pre.get("preflight")).isNotEmpty();
        assertThat(pre.get("error").get("type").asText()).isEqualTo("preflight");
        assertThat(json(3, "--config", "missing.yaml", "list").get("error").get("message").asText())
                .contains("missing.yaml");
    }

    @Test
    void sureCommands() throws Exception {
        SampleTree.make(dir.resolve("tree"));
        JsonNode scan = json(0, "sure", "scan", "-f", "sums.gz", "-d", "tree");
        assertThat(scan.get("command").asText()).isEqualTo("sure scan");
        assertThat(scan.get("version").asInt()).isEqualTo(1);
        assertThat(json(0, "sure", "check", "-f", "sums.gz", "-d", "tree").get("clean").asBoolean()).isTrue();
        Files.writeString(dir.resolve("tree/etc/extra.txt"), "new\n");
        JsonNode check = json(5, "sure", "check", "-f", "sums.gz", "-d", "tree");
        assertThat(check.get("differences")).singleElement().satisfies(d -> {
            assertThat(d.get("change").asText()).isEqualTo("added");
            assertThat(d.get("path").asText()).isEqualTo("etc/extra.txt");
        });
        assertThat(json(0, "sure", "update", "-f", "sums.gz", "-d", "tree").get("version").asInt()).isEqualTo(2);
        assertThat(json(5, "sure", "signoff", "-f", "sums.gz").get("differences")).hasSize(1);
        assertThat(json(0, "sure", "list", "-f", "sums.gz").get("versions")).hasSize(2);
        JsonNode show = json(0, "sure", "show", "-f", "sums.gz");
        assertThat(show.get("nodes").get(0).get("node").asText()).isEqualTo("enter");
        assertThat(json(1, "sure", "list", "-f", "nothere.gz").get("error").get("message").asText())
                .contains("nothere");
    }

    @Test
    void pluginsConfigReferenceAndUsageErrors() throws Exception {
        JsonNode plugins = json(0, "plugins");
        assertThat(plugins.get("plugins")).isNotEmpty();
        assertThat(plugins.get("plugins").get(0).get("origin").asText()).isEqualTo("built in");
        assertThat(plugins.get("pluginPath")).isNotEmpty();
        assertThat(json(0, "config-reference").get("markdown").asText()).contains("| key | type |");
        JsonNode usage = json(2, "backup", "--no-such-option");
        assertThat(usage.get("command").asText()).isEqualTo("backup");
        assertThat(usage.get("error").get("type").asText()).isEqualTo("usage");
        assertThat(json(2, "no-such-command").get("error").get("type").asText()).isEqualTo("usage");
    }

    @Test
    void versionAndHelpAreDocumentsToo() throws Exception {
        JsonNode version = json(0, "--version");
        assertThat(version.get("command").asText()).isEmpty();
        assertThat(version.get("version").get("api").asText()).isEqualTo(org.rdump.api.RdumpApi.VERSION);
        assertThat(version.get("version").get("java").asText()).isEqualTo(Runtime.version().toString());
        assertThat(json(0, "backup", "-V").get("command").asText()).isEqualTo("backup");

        JsonNode help = json(0, "help", "sure", "check");
        assertThat(help.get("command").asText()).isEqualTo("help");
        assertThat(help.get("help").get("command").asText()).isEqualTo("sure check");
        assertThat(help.get("help").get("usage").asText()).startsWith("Usage: rdump sure check ");
        assertThat(help.get("help").get("options").findValuesAsText("paramLabel")).contains("FILE", "N");
        JsonNode asked = json(0, "sure", "check", "--help");
        assertThat(asked.get("command").asText()).isEqualTo("sure check");
        assertThat(asked.get("help")).as("--help and help give the same document").isEqualTo(help.get("help"));

        JsonNode top = json(0, "help");
        assertThat(top.get("help").get("command").asText()).isEmpty();
        assertThat(top.get("help").get("subcommands").findValuesAsText("name")).contains("backup", "sure", "help");
        assertThat(json(0, "-h").get("help")).isEqualTo(top.get("help"));
        assertThat(json(2, "help", "nosuch").get("error").get("message").asText())
                .startsWith("no command 'nosuch' under 'rdump'");
    }

    @Test
    void zfsCloneAndPrune() throws Exception {
        pools = new ZfsPools();
        String src = pools.create("js");
        String dst = pools.create("jd");
        ZfsPools.run("zfs", "create", src + "/home");
        for (int i = 1; i <= 4; i++) {
            ZfsPools.run("zfs", "snapshot", src + "/home@" + String.format("rd%04d-2025%02d150800", i, i));
        }
        JsonNode prune = json(0, "zfs", "prune", "-n", "--prefix", "rd", "--hanoi", "1", src + "/home");
        assertThat(prune.get("keep")).isNotEmpty();
        assertThat(prune.get("keep").size() + prune.get("destroy").size()).isEqualTo(4);
        JsonNode plan = json(0, "zfs", "clone", "-n", src, dst + "/copy");
        assertThat(plan.get("planned")).isNotEmpty();
        JsonNode clone = json(0, "zfs", "clone", src, dst + "/copy");
        assertThat(clone.get("bytesSent").asLong()).isPositive();
    }

    private static JsonNode find(JsonNode steps, String phase, String... description) {
        for (JsonNode s : steps) {
            if (s.get("phase").asText().equals(phase)
                    && Stream.of(description).allMatch(d -> s.get("description").asText().contains(d))) {
                return s;
            }
        }
        throw new AssertionError("no " + phase + " step " + List.of(description) + " in " + steps);
    }
}
