package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Step;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.plan.Planner;
import org.rdump.core.plugin.PluginPath;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.StepCrashContract;

/**
 * The README's "Writing a plugin" is real code: its files are extracted from the README and built
 * as a Maven project of their own (depending on rdump-api and rdump-testkit only), whose contract
 * tests must pass; the jar is then loaded from a plugin directory by the command line, and a
 * {@code snapshots:} volume of its btrfs provider is backed up with its tar tool, on a real btrfs
 * file system. The steps of that volume also pass the {@link StepCrashContract}.
 */
class PluginGuideIT {
    @TempDir
    static Path tmp;
    static Path plugins;
    static Path jar;
    private static BtrfsPool pool;

    /** The btrfs file system, made when a test first needs it (skipped without btrfs-progs). */
    static BtrfsPool pool() throws Exception {
        if (pool == null) {
            pool = BtrfsPool.create(Files.createDirectories(tmp.resolve("btrfs")));
        }
        return pool;
    }

    @BeforeAll
    static void buildTheGuide() throws Exception {
        RequiredTools.need("maven", "mvn");
        Path project = PluginGuide.writeProject(Files.createDirectories(tmp.resolve("project")));
        Path repo = PluginGuide.localRepository(Files.createDirectories(tmp.resolve("repository")));
        Path settings = PluginGuide.settings(tmp.resolve("settings.xml"), repo);
        CommandResult built = PluginGuide.build(project, settings);
        assertThat(built.exitCode()).as("mvn package of the README's plugin:\n" + tail(built.stdout())).isZero();
        jar = project.resolve("target/rdump-tar-btrfs-1.0.0.jar");
        assertThat(jar).isRegularFile();
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
    }

    @AfterAll
    static void unmount() {
        if (pool != null) {
            pool.close();
        }
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Test
    void theGuidesProjectUsesThisBuildsVersionAndItsContractTestsPass() throws Exception {
        assertThat(PluginGuide.files().get("pom.xml"))
                .contains("<rdump.version>" + PluginGuide.version() + "</rdump.version>")
                .doesNotContain("rdump-core", "rdump-cli");
        Path reports = jar.getParent().resolve("surefire-reports");
        int tests = 0;
        int failed = 0;
        List<String> suites = new ArrayList<>();
        try (Stream<Path> s = Files.list(reports)) {
            for (Path r : s.filter(p -> p.getFileName().toString().startsWith("TEST-")).sorted().toList()) {
                int[] c = PluginGuide.counts(r);
                tests += c[0] - c[3];
                failed += c[1] + c[2];
                suites.add(r.getFileName().toString());
            }
        }
        assertThat(failed).isZero();
        assertThat(suites).anyMatch(n -> n.contains("SnapshotProviderContract$Remove"))
                .anyMatch(n -> n.contains("TarBackupToolTest"));
        boolean btrfs = RequiredTools.which("mkfs.btrfs").isPresent() && RequiredTools.which("btrfs").isPresent();
        assertThat(tests).as("contract tests that ran (not skipped)").isGreaterThanOrEqualTo(btrfs ? 18 : 11);
    }

    @Test
    void pluginsShowsWhereEachProviderCameFromAndTheJarsVersion() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "--plugin-path", plugins.toString(), "plugins");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^BackupTool +tar +1\\.0\\.0 +rdump-tar-btrfs-1\\.0\\.0\\.jar +one tar")
                .containsPattern("(?m)^SnapshotProvider +btrfs-simple +1\\.0\\.0 +rdump-tar-btrfs-1\\.0\\.0\\.jar +btrfs snapshots")
                .containsPattern("(?m)^BackupTool +borg +\\S+ +built in \\(rdump-borg\\) ")
                .contains("plugin path: " + plugins + " (1 jar), ");
        List<String> lines = r.lines();
        int descriptionColumn = lines.get(0).indexOf("DESCRIPTION");
        assertThat(lines.subList(1, lines.size() - 1)).as("the table's columns line up")
                .allSatisfy(l -> assertThat(l.charAt(descriptionColumn - 1)).isEqualTo(' '));
    }

    @Test
    void aJarThatCannotBeLoadedIsNamedWithItsCauseAndTheOthersStillLoad() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(jar, dir.resolve(jar.getFileName()));
        Files.writeString(dir.resolve("broken.jar"), "not a zip file\n");
        Path second = Files.createDirectories(tmp.resolve("second"));
        Files.copy(jar, second.resolve("copy.jar"));

        CliProcess.Result r = CliProcess.run(tmp, Map.of("RDUMP_PLUGIN_PATH", second.toString()),
                "--plugin-path", dir.toString(), "plugins");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("rdump: error: plugin jar " + dir.resolve("broken.jar")
                        + " cannot be read and is skipped: ")
                .contains("rdump: error: plugin jar " + second.resolve("copy.jar") + ": its BackupTool 'tar'"
                        + " (org.example.rdump.TarBackupTool) is skipped: that id is taken by"
                        + " org.example.rdump.TarBackupTool (" + dir.resolve(jar.getFileName()) + ")");
        assertThat(r.stdout()).containsPattern("(?m)^BackupTool +tar +1\\.0\\.0 +rdump-tar-btrfs-1\\.0\\.0\\.jar")
                .contains("plugin path: " + dir + " (2 jars), " + second + " (1 jar), ");
    }

    private static String config(Path home, Path archives) {
        return """
                tools:
                  archives:
                    type: tar
                    dir: %2$s
                snapshots:
                  - name: home
                    provider: btrfs-simple
                    volume: %1$s
                    mount: %1$s
                    snap: %1$s.snapshots/rdump-home
                    actions: [rsure, archives]
                """.formatted(home, archives);
    }

    @Test
    void aSnapshotsVolumeOfThePluginsProviderIsBackedUpWithThePluginsTool() throws Exception {
        Path home = pool().subvolume("home");
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve("rdump.yaml"), config(home, archives));

        CliProcess.Result r = CliProcess.run(dir, Map.of("RDUMP_PLUGIN_PATH", plugins.toString()),
                "backup", "--verify");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("snapshot " + home + ".snapshots/rdump-home");
        try (Stream<Path> s = Files.list(archives)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("home-\\d{8}T\\d{6}Z\\.tar");
        }
        assertThat(home.resolve("2sure.dat.gz")).as("the manifest is copied back").isRegularFile();
        try (Stream<Path> s = Files.list(Path.of(home + ".snapshots"))) {
            assertThat(s.toList()).as("the snapshot is removed after the run").isEmpty();
        }
        assertThat(home.resolve("docs/letter.txt")).hasContent("Dear reader,");
    }

    @Test
    void aSnapshotsVolumeNamingAnUnknownProviderIsAConfigErrorListingTheKnownOnes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("unknown"));
        Files.writeString(dir.resolve("rdump.yaml"), config(Path.of("/srv/pool/home"), tmp)
                .replace("provider: btrfs-simple", "provider: btrf"));

        CliProcess.Result r = CliProcess.run(dir, "--plugin-path", plugins.toString(), "check-config");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(r.stdout() + r.stderr()).contains("rdump.yaml:7:5 snapshots[0].provider: no SnapshotProvider"
                + " with id 'btrf'; known: btrfs, btrfs-simple, lvm, zfs");
    }

    @Test
    void aSnapshotsVolumeTakesOnlyItsProvidersOwnSettings() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("settings"));
        Files.writeString(dir.resolve("rdump.yaml"), config(Path.of("/srv/pool/home"), tmp)
                .replace("provider: btrfs-simple", "provider: btrfs-simple\n    size: 5g"));

        CliProcess.Result r = CliProcess.run(dir, "--plugin-path", plugins.toString(), "check-config");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(r.stdout() + r.stderr()).contains("snapshots[0].size").contains("unknown key 'size'");
    }

    @Test
    void aMissingSubvolumeIsFoundByThePreflightCheckBeforeAnythingIsWritten() throws Exception {
        Path missing = pool().mount.resolve("nothing-here");
        Path dir = Files.createDirectories(tmp.resolve("preflight"));
        Files.writeString(dir.resolve("rdump.yaml"), config(missing, tmp));

        CliProcess.Result r = CliProcess.run(dir, "--plugin-path", plugins.toString(), "check-config", "--preflight");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("home: btrfs-simple cannot read the volume " + missing + ": btrfs"
                + " subvolume " + missing + " does not exist; 'volume' must be the subvolume's absolute path; check"
                + " 'volume' at rdump.yaml:8:5 snapshots[0].volume");
    }

    /**
     * The steps of the volume above (snapstamp, btrfs snapshot, manifest in the snapshot and copied
     * back, tar backup), planned by core from the configuration with the plugin loaded from its
     * directory, killed after every step and after every command: the undo records alone remove
     * the snapshot and the partial archive.
     */
    @Nested
    class KilledRuns extends StepCrashContract {
        private int counter;

        private Path home(Path dir) throws Exception {
            return pool().mount.resolve(dir.getFileName().toString());
        }

        @Override
        protected List<Step> plan(Path dir) throws Exception {
            Path home = home(dir);
            if (!Files.exists(home)) {
                pool().subvolume(home.getFileName().toString());
            }
            Path archives = Files.createDirectories(dir.resolve("archives"));
            PluginRegistry registry = PluginRegistry.discover(PluginPath.of(plugins));
            RdumpConfig config = new ConfigLoader(registry).parse(dir.resolve("rdump.yaml"),
                    new StringReader(config(home, archives)));
            return new Planner(registry, config).backup(List.of(), "20261201T120000Z", false).steps();
        }

        @Override
        protected Path fixture(int attempt) throws Exception {
            return Files.createDirectories(work.resolve("crash" + (++counter) + "-" + (attempt < 0 ? "n" : attempt)));
        }

        @Override
        protected CommandRunner runner(Path dir) {
            return new LocalCommandRunner();
        }

        @Override
        protected void assertNothingLeft(Path dir) throws Exception {
            Path snapshots = Path.of(home(dir) + ".snapshots");
            if (Files.isDirectory(snapshots)) {
                try (Stream<Path> s = Files.list(snapshots)) {
                    assertThat(s.toList()).as("no snapshot is left").isEmpty();
                }
            }
            try (Stream<Path> s = Files.list(dir.resolve("archives"))) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no partial archive is left")
                        .noneMatch(n -> n.endsWith(".partial"));
            }
            assertThat(home(dir).resolve("docs/letter.txt")).hasContent("Dear reader,");
        }
    }
}
