package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Step;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.plan.Planner;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.SshTestServer;
import org.rdump.testkit.StepCrashContract;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * {@code pull:} volumes through the command line: a tree on a "remote" host (a real sshd on
 * 127.0.0.1) with hard links, a symlink, a FIFO and odd names is pulled into a staging, backed
 * up, verified and restored; a second run pulls only the change; a run killed during the pull
 * leaves nothing behind and the next one succeeds; bad settings are reported at their position.
 */
class RsyncPullCliIT {
    private static @Nullable SshTestServer shared;
    private static @Nullable Path sharedDir;

    @TempDir
    Path dir;

    @AfterAll
    static void stopServer() {
        if (shared != null) {
            shared.close();
        }
        if (sharedDir != null) {
            org.rdump.api.support.Trees.delete(sharedDir);
        }
    }

    /** One sshd for the whole class (the crash contract plans many fresh fixtures). */
    static synchronized SshTestServer server() throws Exception {
        RequiredTools.need("rsync", "rsync");
        if (shared == null) {
            sharedDir = Files.createTempDirectory("rdump-pull-sshd");
            shared = SshTestServer.start(sharedDir.resolve("sshd"));
        }
        return shared;
    }

    static String config(SshTestServer server, Path remote, Path staging, Path copies) {
        return config(server, remote, staging, copies, "[]");
    }

    static String config(SshTestServer server, Path remote, Path staging, Path copies, String extraArgs) {
        return """
                tools:
                  copies: {type: rsync, dest: %s, mode: versioned, keep: 3}
                pull:
                  - name: web
                    src: %s@127.0.0.1:%s
                    staging: %s
                    ssh: {port: %d, identity_file: %s, options: [UserKnownHostsFile=%s, IdentitiesOnly=yes]}
                    extra_args: %s
                    actions: [rsure, copies]
                """.formatted(copies, System.getProperty("user.name"), remote, staging, server.port(),
                server.clientKey(), server.knownHosts(), extraArgs);
    }

    static Path remoteTree(Path remote) throws Exception {
        TreeFixture.at(remote).file("etc/host.conf", "hostname=web1\n").hardLink("etc/hard", "etc/host.conf")
                .symlink("odd name/it's a link", "../etc/host.conf").file("odd name/line\nbreak $(x)", "odd\n")
                .randomFile("var/big.bin", 256 * 1024, 7).file("2sure.dat.gz", "the remote's own, not pulled\n");
        LocalCommandRunner local = new LocalCommandRunner();
        local.run(Command.of("mkfifo", remote.resolve("fifo").toString()));
        RequiredTools.need("python3", "python3");
        // a name that is not UTF-8 (byte 0xE9), made with raw bytes
        local.run(Command.of("python3", "-c", "import os,sys; d=os.fsencode(sys.argv[1]);"
                + " open(d+b'/latin1-\\xe9.txt','wb').write(b'latin1\\n')", remote.toString()));
        return remote;
    }

    /** The tree without rdump's own files at its root (and the remote's 2sure.dat.gz). */
    static List<String> differences(Path a, Path b) {
        return TreeSnapshot.of(a).differencesFrom(TreeSnapshot.of(b)).stream()
                .filter(d -> !d.matches("(?s).*?\\b2sure\\.[^/]*")).toList();
    }

    @Test
    void pullBackupVerifyRestoreThenAnIncrementalPullThatTheManifestRecords() throws Exception {
        SshTestServer server = server();
        Path remote = remoteTree(dir.resolve("remote"));
        Path staging = dir.resolve("pull/web");
        CliProcess.write(dir.resolve("rdump.yaml"), config(server, remote, staging, dir.resolve("copies")));

        CliProcess.Result dry = CliProcess.run(dir, "backup", "--dry-run");
        assertThat(dry.exitCode()).as(dry.stderr() + dry.stdout()).isZero();
        assertThat(dry.stdout()).contains("--temp-dir=" + staging + "/2sure.pull-tmp", "--exclude=/2sure.*",
                "127.0.0.1:" + remote + "/.");
        assertThat(staging).doesNotExist();

        CliProcess.Result first = CliProcess.run(dir, "backup", "--verify");

        assertThat(first.exitCode()).as(first.stderr() + first.stdout()).isZero();
        assertThat(first.stdout()).contains("every file matches the manifest");
        assertThat(differences(staging, remote)).isEmpty();
        assertThat(staging.resolve("2sure.dat.gz")).exists().content().doesNotContain("the remote's own");
        assertThat(staging.resolve("2sure.pull-tmp")).doesNotExist();
        assertThat(staging.resolve("2sure.pull-incomplete")).doesNotExist();
        Object bigInode = Files.getAttribute(staging.resolve("var/big.bin"), "unix:ino");

        Files.writeString(remote.resolve("etc/host.conf"), "hostname=web2\n");
        Files.delete(remote.resolve("odd name/line\nbreak $(x)"));
        Files.writeString(remote.resolve("etc/new.txt"), "new\n");
        CliProcess.nextSecond();
        CliProcess.Result second = CliProcess.run(dir, "backup");

        assertThat(second.exitCode()).as(second.stderr() + second.stdout()).isZero();
        assertThat(differences(staging, remote)).isEmpty();
        assertThat(Files.getAttribute(staging.resolve("var/big.bin"), "unix:ino")).as("unchanged, not copied again")
                .isEqualTo(bigInode);
        assertThat(Files.getAttribute(staging.resolve("etc/hard"), "unix:nlink")).isEqualTo(2);

        CliProcess.Result verify = CliProcess.run(dir, "verify", "web");
        assertThat(verify.exitCode()).as(verify.stderr() + verify.stdout()).isZero();
        CliProcess.Result restore = CliProcess.run(dir, "restore", "web", "--to", "out");
        assertThat(restore.exitCode()).as(restore.stderr() + restore.stdout()).isZero();
        assertThat(differences(dir.resolve("out"), remote)).isEmpty();
        assertThat(dir.resolve("out/etc/host.conf")).hasContent("hostname=web2\n");
        assertThat(Files.readSymbolicLink(dir.resolve("out/odd name/it's a link")).toString())
                .isEqualTo("../etc/host.conf");
        // the staging's manifest has a version per complete pull; verify above proved the second matches the tree
        CliProcess.Result versions = CliProcess.run(dir, "sure", "list", "--check", "-f",
                staging.resolve("2sure.dat.gz").toString());
        assertThat(versions.exitCode()).as(versions.stderr() + versions.stdout()).isZero();
        assertThat(versions.stderr()).contains("read all 2 versions");
    }

    @Test
    void aRunKilledDuringThePullLeavesTheManifestAloneAndTheNextRunCompletesIt() throws Exception {
        SshTestServer server = server();
        Path remote = remoteTree(dir.resolve("remote"));
        Path staging = dir.resolve("pull/web");
        CliProcess.write(dir.resolve("rdump.yaml"), config(server, remote, staging, dir.resolve("copies"),
                "[--bwlimit=512]"));
        CliProcess.Result first = CliProcess.run(dir, "backup");
        assertThat(first.exitCode()).as(first.stderr() + first.stdout()).isZero();
        byte[] manifest = Files.readAllBytes(staging.resolve("2sure.dat.gz"));
        TreeFixture.at(remote).randomFile("var/slow.bin", 3 * 1024 * 1024, 11);
        CliProcess.nextSecond();
        Process run = CliProcess.start(dir, "backup");
        run.getOutputStream().close();
        Path temp = staging.resolve("2sure.pull-tmp");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!hasEntries(temp)) {
            assertThat(System.nanoTime()).as("rsync started receiving into " + temp).isLessThan(deadline);
            assertThat(run.isAlive()).as("the run is still pulling").isTrue();
            Thread.sleep(50);
        }
        List<ProcessHandle> children = run.descendants().toList();
        run.destroyForcibly().waitFor();  // SIGKILL: no cleanup runs

        assertThat(staging.resolve("2sure.pull-incomplete")).as("the staging says it is incomplete").exists();
        assertThat(Files.readAllBytes(staging.resolve("2sure.dat.gz"))).as("the manifest of the last complete pull")
                .isEqualTo(manifest);

        CliProcess.Result next = CliProcess.run(dir, "backup", "--verify");

        assertThat(next.exitCode()).as(next.stderr() + next.stdout()).isZero();
        assertThat(next.stdout() + next.stderr()).contains("holds an incomplete pull");
        assertThat(children).as("the killed run's rsync and ssh were stopped").noneMatch(ProcessHandle::isAlive);
        assertThat(temp).doesNotExist();
        assertThat(staging.resolve("2sure.pull-incomplete")).doesNotExist();
        assertThat(differences(staging, remote)).isEmpty();
    }

    private static boolean hasEntries(Path d) throws Exception {
        if (!Files.isDirectory(d)) {
            return false;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isPresent();
        }
    }

    @Test
    void badSettingsAreReportedAtTheirPosition() throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                pull:
                  - name: web
                    src: /srv
                    staging: /srv/rdump/web
                    actions: [rsure]
                """);
        CliProcess.Result localSrc = CliProcess.run(dir, "check-config");

        CliProcess.write(dir.resolve("rdump.yaml"), """
                pull:
                  - name: db
                    src: db1:/var/lib/db
                    staging: /
                    actions: [rsure]
                """);
        CliProcess.Result rootStaging = CliProcess.run(dir, "check-config");

        assertThat(localSrc.exitCode()).isNotZero();
        assertThat(localSrc.stderr()).isEqualTo("rdump: invalid configuration: rdump.yaml:3:5 pull[0].src: src '/srv'"
                + " is not a remote tree: give [user@]host:/absolute/path (for a local tree use the simple: section)\n");
        assertThat(rootStaging.exitCode()).isNotZero();
        assertThat(rootStaging.stderr()).isEqualTo("rdump: invalid configuration: rdump.yaml:4:5 pull[0].staging:"
                + " staging must not be / (the pull deletes what the remote tree does not have); give a directory of"
                + " its own, e.g. /srv/rdump/pull/NAME\n");
    }

    @Nested
    class KilledRuns extends StepCrashContract {
        private int counter;

        @Override
        protected Path fixture(int attempt) throws Exception {
            Path f = Files.createDirectories(work.resolve("crash" + (++counter) + "-" + (attempt < 0 ? "n" : attempt)));
            remoteTree(f.resolve("remote"));
            return f;
        }

        @Override
        protected List<Step> plan(Path fixture) throws Exception {
            PluginRegistry registry = PluginRegistry.discover();
            RdumpConfig config = new ConfigLoader(registry).parse(fixture.resolve("rdump.yaml"), new StringReader(
                    config(server(), fixture.resolve("remote"), fixture.resolve("staging"), fixture.resolve("copies"))));
            return new Planner(registry, config).backup(List.of(), "20261201T120000Z", false).steps();
        }

        @Override
        protected CommandRunner runner(Path fixture) {
            return new LocalCommandRunner();
        }

        /** Nothing of rsync's or the manifest update's temporaries is left, and the next run succeeds. */
        @Override
        protected void assertNothingLeft(Path fixture) throws Exception {
            Path staging = fixture.resolve("staging");
            assertThat(staging.resolve("2sure.pull-tmp")).as("rsync's temporary directory").doesNotExist();
            if (Files.isDirectory(staging)) {
                try (Stream<Path> s = Files.list(staging)) {
                    assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.matches("2sure\\.[0-9]+"));
                }
            }
            List<Step> next = plan(fixture);
            TestRunContext ctx = TestRunContext.real(Files.createDirectories(fixture.resolve("scratch-next")));
            for (Step s : next) {
                s.perform(ctx);
            }
            for (int i = next.size() - 1; i >= 0; i--) {
                next.get(i).cleanup(ctx);
            }
            assertThat(differences(staging, fixture.resolve("remote"))).isEmpty();
            assertThat(staging.resolve("2sure.dat.gz")).exists();
            assertThat(staging.resolve("2sure.pull-incomplete")).doesNotExist();
        }
    }
}
