package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.CapturingCommandRunner;
import org.rdump.testkit.SshTestServer;
import org.rdump.testkit.TreeFixture;
import org.rdump.testkit.TreeSnapshot;

/**
 * The backup tool contract against real rsync writing dated copies to a real sshd on 127.0.0.1
 * (this machine, reached over ssh with a key and known_hosts made by the test), plus remote
 * link-dest, retention and interrupted copies.
 */
class RsyncRemoteVersionedIT extends BackupToolContract {
    private static Path serverDir;
    private static SshTestServer server;

    @BeforeAll
    static void startSshd() throws Exception {
        serverDir = Files.createTempDirectory("rdump-rsync-remote-sshd");
        server = SshTestServer.start(serverDir.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() {
        if (server != null) {
            server.close();
        }
        org.rdump.api.support.Trees.delete(serverDir);
    }

    @Override
    protected BackupTool newTool() {
        return new RsyncBackupTool();
    }

    @Override
    protected ToolTarget target(Path workDir) {
        return target(workDir, Map.of("keep", 1));
    }

    private ToolTarget target(Path workDir, Map<String, Object> more) {
        Map<String, Object> s = new java.util.HashMap<>(Map.of("mode", "versioned"));
        s.putAll(more);
        return RemoteSsh.target(server, "far", workDir.resolve("dest"), s);
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        return RemoteSsh.target(server, "far", missing, Map.of("mode", "versioned"));
    }

    private Path copies() {
        return work.resolve("tool/dest").resolve(VOLUME);
    }

    private static long inode(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    @Nested
    class OverSsh {
        @Test
        void everyCommandGoesThroughSshAndUnchangedFilesAreLinkedOnTheRemoteSide() throws Exception {
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")), Map.of());
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            CapturingCommandRunner runner = new CapturingCommandRunner(new LocalCommandRunner());
            BackupResult first = backup(newTool(), target, VOLUME, tree.root(), FIRST_STAMP, runner);
            tree.file("hello.txt", "changed\n");
            BackupResult second = backup(newTool(), target, VOLUME, tree.root(), stamp(1), runner);

            Path a = copies().resolve(FIRST_STAMP);
            Path b = copies().resolve(stamp(1));
            assertThat(inode(b.resolve("data/big.bin"))).isEqualTo(inode(a.resolve("data/big.bin")));
            assertThat(inode(b.resolve("hello.txt"))).isNotEqualTo(inode(a.resolve("hello.txt")));
            assertThat(second.archive().details()).containsEntry("linked_to", first.archive().id())
                    .containsEntry("path", System.getProperty("user.name") + "@127.0.0.1:" + b);
            assertThat(runner.commands()).allSatisfy(c -> assertThat(c.argv().get(0)).isIn("ssh", "rsync"));
            assertThat(runner.commands()).filteredOn(c -> c.argv().get(0).equals("rsync"))
                    .allSatisfy(c -> assertThat(c.argv()).contains("-s", "-e"));
        }

        @Test
        void pruneDeletesOnlyStampedCopiesOnTheRemoteSide() throws Exception {
            ToolTarget target = target(Files.createDirectories(work.resolve("tool")), Map.of("keep", 1));
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            LocalCommandRunner runner = new LocalCommandRunner();
            for (int i = 0; i < 3; i++) {
                tree.file("run", "run " + i + "\n").mtime("run", java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i));
                backup(newTool(), target, VOLUME, tree.root(), stamp(i), runner);
            }
            Files.createDirectories(copies().resolve("notes"));
            Files.createDirectories(copies().resolve("2026"));
            Files.createDirectories(copies().resolve("20200101T000000Z.old"));

            newTool().prune(target, VOLUME, context(stamp(5), runner));

            try (var s = Files.list(copies())) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactlyInAnyOrder("2026", "20200101T000000Z.old", stamp(2), "notes");
            }
        }

        @Test
        void aFailedRunLeavesNoCopyThatCountsAndTheNextRunFinishesIt() throws Exception {
            Path failing = Stand.rsyncThenExit(work, 12);
            ToolTarget good = target(Files.createDirectories(work.resolve("tool")), Map.of());
            ToolTarget bad = target(work.resolve("tool"), Map.of("program", failing.toString()));
            TreeFixture tree = TreeFixture.sample(work.resolve("source"));
            LocalCommandRunner runner = new LocalCommandRunner();
            backup(newTool(), good, VOLUME, tree.root(), FIRST_STAMP, runner);
            tree.file("hello.txt", "second\n");

            assertThatThrownBy(() -> backup(newTool(), bad, VOLUME, tree.root(), stamp(1), runner))
                    .isInstanceOf(CommandFailedException.class).hasMessageContaining("failed (exit 12)");
            assertThat(newTool().list(good, VOLUME, context(stamp(2), runner)))
                    .extracting(ArchiveInfo::id).containsExactly(FIRST_STAMP);
            assertThat(copies().resolve(stamp(1) + ".partial")).isDirectory();

            backup(newTool(), good, VOLUME, tree.root(), stamp(2), runner);

            try (var s = Files.list(copies())) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly(FIRST_STAMP, stamp(2));
            }
            assertThat(TreeSnapshot.of(copies().resolve(stamp(2))).differencesFrom(TreeSnapshot.of(tree.root())))
                    .isEmpty();
        }

        @Test
        void anUnknownHostKeyIsRefusedNotAccepted() throws Exception {
            Path otherKnown = Files.writeString(work.resolve("empty_known_hosts"), "");
            ToolTarget target = RemoteSsh.target(server, "far", work.resolve("dest"), Map.of("mode", "versioned",
                    "ssh", Map.of("port", (long) server.port(), "identity_file", server.clientKey().toString(),
                            "options", List.of("UserKnownHostsFile=" + otherKnown, "GlobalKnownHostsFile=/dev/null"))));
            Path source = TreeFixture.sample(work.resolve("source")).root();

            assertThatThrownBy(() -> backup(newTool(), target, VOLUME, source, FIRST_STAMP, new LocalCommandRunner()))
                    .isInstanceOf(CommandFailedException.class).hasMessageContaining("Host key verification failed");
            assertThat(work.resolve("dest")).doesNotExist();
            assertThat(Files.readString(otherKnown)).isEmpty();
        }
    }
}
