package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.testkit.RequiredTools;

/**
 * Pre-flight with the real plugins and programs: a missing borg repository, a missing ZFS
 * dataset, a read-only rsync destination and a missing mount point are all reported at once,
 * before anything changes (no stamp, no snapshot, no scratch, no journal).
 */
class PreflightIT {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.extension.RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();
    private final ZfsPools pools = new ZfsPools();
    private Path ro;

    @AfterEach
    void restore() {
        if (ro != null) {
            ZfsPools.RUNNER.run(Command.of("umount", ro.toString()).accepting(0, 1, 32));
        }
        pools.close();
    }

    private int rdump(Path config, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.run(all);
    }

    private String stdout() {
        return stdio.stdout();
    }

    private String stderr() {
        return stdio.stderr();
    }

    /** A config with four faults; the pool's {@code home} dataset exists and would be snapshot by a run. */
    private Path faultyConfig(String pool) throws Exception {
        RequiredTools.need("rsync", "rsync");
        RequiredTools.need("borg", "borg");
        ZfsPools.run("zfs", "create", pool + "/home");
        ro = Files.createDirectories(dir.resolve("ro"));
        ZfsPools.run("mount", "-t", "tmpfs", "-o", "ro", "tmpfs", ro.toString());
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Path home = pools.mount(pool).resolve("home");
        return CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: %s}
                  vault: {type: borg, repo: %s, passphrase: unused-secret, base_dir: %s}
                zfs-volumes:
                  - {name: home, dataset: %s/home, mount: %s, clone: %s/snaps/home, clone_mount: %s, actions: [copies]}
                  - {name: gone, dataset: %s/gone, mount: %s, clone: %s/snaps/gone, clone_mount: %s, actions: [vault]}
                simple:
                  - {name: boot, mount: %s, actions: [vault]}
                lock: %s
                scratch: %s
                """.formatted(ro.resolve("dest"), dir.resolve("nowhere"), dir.resolve("borg-base"),
                pool, home, pool, pools.mount(pool).resolve("snaps/home"),
                pool, dir.resolve("gone"), pool, pools.mount(pool).resolve("snaps/gone"),
                boot, dir.resolve("run/lock"), dir.resolve("scratch")));
    }

    private List<String> expectedProblems(String pool) {
        String borgHint = "no borg repository for borg tool 'vault' (pre-flight check): check 'repo' at rdump.yaml:3:23"
                + " tools.vault.repo, or make one with: borg init --encryption=repokey REPO";
        return List.of(
                "  gone: mount point " + dir.resolve("gone") + " is not a directory (missing or not mounted); check"
                        + " 'mount' of volume 'gone'",
                "  gone: dataset " + pool + "/gone does not exist; check 'dataset' of volume 'gone' ('zfs list' shows"
                        + " the datasets there are)",
                "  home: the destination " + ro.resolve("dest") + " of rsync tool 'copies' does not exist and cannot"
                        + " be created: " + ro + " is not writable (read-only, immutable, or not permitted); check"
                        + " 'dest' at rdump.yaml:2:25 tools.copies.dest",
                "  gone: the repository of borg tool 'vault' does not answer: Repository " + dir.resolve("nowhere")
                        + " does not exist; " + borgHint,
                "  boot: the repository of borg tool 'vault' does not answer: Repository " + dir.resolve("nowhere")
                        + " does not exist; " + borgHint);
    }

    @Test
    void backupReportsEveryProblemAtOnceAndChangesNothing() throws Exception {
        String pool = pools.create("pf");
        Path config = faultyConfig(pool);

        int code = rdump(config, "backup");

        assertThat(code).isEqualTo(ExitCode.CONFIG);
        assertThat(stderr()).contains("rdump: pre-flight check failed (5 problems); nothing was changed:\n"
                + String.join("\n", expectedProblems(pool)) + "\n");
        assertThat(dir.resolve("boot/snapstamp")).doesNotExist();
        assertThat(pools.mount(pool).resolve("home/snapstamp")).doesNotExist();
        assertThat(ZfsPools.snapshots(pool + "/home")).isEmpty();
        assertThat(ZfsPools.exists(pool + "/snaps/home")).isFalse();
        assertThat(dir.resolve("scratch")).doesNotExist();
        // beside the lock only rdump's own state: the lock, and the ledger that records the refused run
        assertThat(Files.list(dir.resolve("run")).map(p -> p.getFileName().toString()).toList())
                .allMatch(n -> n.equals("lock") || n.startsWith("lock.ledger"));
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void checkConfigPreflightListsThemAllAndExits3() throws Exception {
        String pool = pools.create("pc");
        Path config = faultyConfig(pool);

        int code = rdump(config, "check-config", "--preflight");

        assertThat(code).isEqualTo(ExitCode.CONFIG);
        assertThat(stdout()).endsWith("pre-flight: 5 problems:\n" + String.join("\n", expectedProblems(pool)) + "\n");
        assertThat(ZfsPools.snapshots(pool + "/home")).isEmpty();
    }

    @Test
    void dryRunShowsTheProblemsAboveTheWholePlan() throws Exception {
        String pool = pools.create("pd");
        Path config = faultyConfig(pool);

        int code = rdump(config, "backup", "--dry-run");

        List<String> lines = stdout().lines().toList();
        List<String> warnings = expectedProblems(pool).stream().map(l -> "warning: pre-flight: " + l.strip()).toList();
        assertThat(lines.subList(1, 6)).containsExactlyElementsOf(warnings);
        assertThat(lines.get(6)).startsWith(" 1. timestamp [home]");
        assertThat(stdout()).contains("backup [boot] borg backup of " + dir.resolve("boot"));
        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(ZfsPools.snapshots(pool + "/home")).isEmpty();
    }

    @Test
    void checkConfigPreflightNamesRsyncMissingFromPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path boot = Files.createDirectories(dir.resolve("boot"));
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: %s}
                simple:
                  - {name: boot, mount: %s, actions: [copies]}
                """.formatted(dir.resolve("dest"), boot));

        var r = CliProcess.run(dir, Map.of("PATH", bin.toString()), "check-config", "--preflight");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(r.stdout()).endsWith("pre-flight: 1 problem:\n  boot: rsync is not installed (not found on PATH="
                + bin + "); install it (apt-get install rsync)\n");
        assertThat(dir.resolve("dest")).doesNotExist();
    }
}
