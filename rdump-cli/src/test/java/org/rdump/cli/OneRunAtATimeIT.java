package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.core.run.RunLocks;
import org.rdump.testkit.StandInPrograms;

/**
 * One run per configuration whatever path reaches it, and one run per resource: a first run is
 * held inside its backup by a stand-in {@code rsync} that sleeps until killed, and a second run is
 * started meanwhile.
 */
class OneRunAtATimeIT {
    @TempDir
    Path dir;

    private Process first;

    @AfterEach
    void killFirst() throws Exception {
        if (first != null) {
            first.descendants().forEach(ProcessHandle::destroyForcibly);
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Map<String, String> env(String path) {
        return Map.of("RDUMP_LOCK_DIR", dir.resolve("locks").toString(), "PATH", path);
    }

    private Path config(String name, String dest) throws Exception {
        Files.createDirectories(dir.resolve("live"));
        Files.writeString(dir.resolve("live/data.txt"), "not empty: the source guard refuses an empty tree\n");
        return CliProcess.write(dir.resolve(name), """
                tools:
                  copies: {type: rsync, dest: %s, mode: mirror}
                simple:
                  - {name: live, mount: live, actions: [copies]}
                """.formatted(dest)).toRealPath();
    }

    /** Starts a backup of {@code config} that blocks in rsync, and waits until it got there. */
    private void startBlockedRun(Path config) throws Exception {
        Path started = dir.resolve("rsync.started");
        StandInPrograms standIns = StandInPrograms.in(Files.createDirectories(dir.resolve("standins")))
                .add("rsync", "touch '" + started + "'\nexec sleep 120");
        first = CliProcess.start(dir, env(standIns.path()), "--config", config.toString(), "backup");
        first.getOutputStream().close();
        for (int i = 0; i < 400 && !Files.exists(started); i++) {
            Thread.sleep(50);
        }
        assertThat(started).as("the first run is in its backup").exists();
    }

    @Test
    void aSecondRunOfOneConfigThroughASymlinkOrAHardLinkExitsWith4() throws Exception {
        Path real = config("rdump.yaml", "backups");
        Path symlink = Files.createSymbolicLink(dir.resolve("link.yaml"), real);
        Path hardLink = Files.createLink(dir.resolve("hard.yaml"), real);
        startBlockedRun(real);

        var viaSymlink = CliProcess.run(dir, env(System.getenv("PATH")), "--config", symlink.toString(), "backup");
        assertThat(viaSymlink.exitCode()).isEqualTo(4);
        assertThat(viaSymlink.stderr()).contains("another rdump run holds the lock of " + real + " (pid "
                + first.pid() + ", started ");

        var viaHardLink = CliProcess.run(dir, env(System.getenv("PATH")), "--config", hardLink.toString(), "backup");
        assertThat(viaHardLink.exitCode()).isEqualTo(4);
        assertThat(viaHardLink.stderr()).contains("another rdump run holds the lock of " + hardLink + " (pid "
                + first.pid() + ", started ").contains(", config " + real + ": the same file by another path)");
        assertThat(first.isAlive()).as("the first run goes on").isTrue();
    }

    @Test
    void twoConfigsSharingAnRsyncDestinationDoNotRunAtOnce() throws Exception {
        Path a = config("a.yaml", "shared");
        Path b = config("b.yaml", dir.resolve("shared").toString());
        startBlockedRun(a);

        var second = CliProcess.run(dir, env(System.getenv("PATH")), "--config", b.toString(), "backup");

        String dest = "rsync:" + dir.toRealPath().resolve("shared");
        assertThat(second.exitCode()).isEqualTo(4);
        assertThat(second.stderr()).contains("another rdump run (pid " + first.pid() + ", config " + a
                + ") is using " + dest + "; wait for it to finish");
        assertThat(RunLocks.resourceFile(dir.resolve("locks"), dest)).as("in the RDUMP_LOCK_DIR")
                .content().startsWith("pid " + first.pid() + ", started ").endsWith(", config " + a + "\n");
    }

    @Test
    void twoConfigsSharingAZfsDatasetDoNotRunAtOnce() throws Exception {
        org.rdump.testkit.RequiredTools.need("zfs", "zfs");
        try (ZfsPools pools = new ZfsPools()) {
            String pool = pools.create("share");
            ZfsPools.run("zfs", "create", pool + "/home");
            Files.writeString(pools.mount(pool).resolve("home/data.txt"), "shared dataset\n");
            String volume = """
                    tools:
                      copies: {type: rsync, dest: %s, mode: mirror}
                    zfs-volumes:
                      - {name: home, dataset: %s/home, clone: %s/snaps/%s, actions: [copies]}
                    """;
            Path a = CliProcess.write(dir.resolve("a.yaml"), volume.formatted("backups-a", pool, pool, "a")).toRealPath();
            Path b = CliProcess.write(dir.resolve("b.yaml"), volume.formatted("backups-b", pool, pool, "b")).toRealPath();
            startBlockedRun(a);

            var second = CliProcess.run(dir, env(System.getenv("PATH")), "--config", b.toString(), "backup");

            assertThat(second.exitCode()).as(second.stderr()).isEqualTo(4);
            assertThat(second.stderr()).contains("another rdump run (pid " + first.pid() + ", config " + a
                    + ") is using zfs:" + pool + "/home; wait for it to finish");
            assertThat(ZfsPools.exists(pool + "/snaps/b")).as("the second run made nothing").isFalse();
            assertThat(first.isAlive()).as("the first run goes on").isTrue();
            first.descendants().forEach(ProcessHandle::destroyForcibly);
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            first = null;
        }
    }
}
