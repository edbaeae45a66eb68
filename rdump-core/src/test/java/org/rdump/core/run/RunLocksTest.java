package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.LockHeldException;
import org.rdump.api.RdumpException;
import org.rdump.api.RunEvent;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.support.RecordingCommandRunner;

class RunLocksTest {
    @TempDir
    Path dir;

    private Path config(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "simple: []\n").toRealPath();
    }

    private Path locks() {
        return dir.resolve("locks");
    }

    @Nested
    class TheConfigurationsIdentity {
        @Test
        void aHardLinkOfTheConfigIsRefusedThoughItsLockFileDiffers() throws Exception {
            Path real = config("rdump.yaml");
            Path link = Files.createLink(dir.resolve("other-name.yaml"), real);
            try (RunLocks first = RunLocks.acquire(dir.resolve(".rdump.yaml.lock"), real, List.of(), locks())) {
                assertThatThrownBy(() -> RunLocks.acquire(dir.resolve(".other-name.yaml.lock"), link, List.of(), locks()))
                        .isInstanceOf(LockHeldException.class)
                        .hasMessageStartingWith("another rdump run holds the lock of " + link + " (pid "
                                + ProcessHandle.current().pid() + ", started ")
                        .hasMessageContaining(", config " + real + ": the same file by another path); lock file "
                                + locks().resolve("config-" + RunLocks.identity(real).orElseThrow() + ".lock"));
            }
            try (RunLocks again = RunLocks.acquire(dir.resolve(".other-name.yaml.lock"), link, List.of(), locks())) {
                assertThat(again.resources()).isEmpty();
            }
        }

        @Test
        void theIdentityIsTheDeviceAndInodeOfTheRealFile() throws Exception {
            Path real = config("rdump.yaml");
            Path symlink = Files.createSymbolicLink(dir.resolve("link.yaml"), real);
            long ino = (Long) Files.getAttribute(real, "unix:ino");
            assertThat(RunLocks.identity(symlink)).isEqualTo(RunLocks.identity(real));
            assertThat(RunLocks.identity(real).orElseThrow()).endsWith("-" + ino);
            assertThat(RunLocks.identity(dir.resolve("given-as-text.yaml"))).isEmpty();
        }
    }

    @Nested
    class Resources {
        @Test
        void aResourceHeldByAnotherProcessIsRefusedNamingItsPidAndConfig() throws Exception {
            Path other = config("other.yaml");
            Process p = RunLockTest.holder(dir.resolve(".other.lock"), dir.resolve("ready"), other.toString(),
                    locks().toString(), "zfs:tank/snaps/home");
            try {
                assertThatThrownBy(() -> RunLocks.acquire(dir.resolve(".mine.lock"), config("mine.yaml"),
                        List.of("zfs:tank/home", "zfs:tank/snaps/home"), locks()))
                        .isInstanceOf(LockHeldException.class)
                        .hasMessage("another rdump run (pid " + p.pid() + ", config " + other
                                + ") is using zfs:tank/snaps/home; wait for it to finish");
                // what was taken before the refusal is released again
                try (RunLocks mine = RunLocks.acquire(dir.resolve(".mine.lock"), config("mine.yaml"),
                        List.of("zfs:tank/home"), locks())) {
                    assertThat(mine.resources()).containsExactly("zfs:tank/home");
                }
            } finally {
                p.getOutputStream().close();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }

        @Test
        void aKilledHoldersResourceLockIsTakenOver() throws Exception {
            Path other = config("other.yaml");
            Process p = RunLockTest.holder(dir.resolve(".other.lock"), dir.resolve("ready"), other.toString(),
                    locks().toString(), "rsync:/backup/mirror");
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Path file = RunLocks.resourceFile(locks(), "rsync:/backup/mirror");
            assertThat(Files.readString(file)).contains("pid " + p.pid()).contains("config " + other);
            Path mine = config("mine.yaml");
            try (RunLocks taken = RunLocks.acquire(dir.resolve(".mine.lock"), mine, List.of("rsync:/backup/mirror"),
                    locks())) {
                assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid() + ", started ")
                        .endsWith(", config " + mine + "\n");
            }
        }

        @Test
        void theSameJvmCannotUseOneResourceTwice() throws Exception {
            try (RunLocks first = RunLocks.acquire(dir.resolve(".a.lock"), config("a.yaml"), List.of("borg:/r"), locks())) {
                assertThatThrownBy(() -> RunLocks.acquire(dir.resolve(".b.lock"), config("b.yaml"), List.of("borg:/r"),
                        locks())).hasMessage("another rdump run (pid " + ProcessHandle.current().pid() + ", config "
                        + dir.resolve("a.yaml") + ") is using borg:/r; wait for it to finish");
            }
        }

        @Test
        void resourceFileNamesAreSafeAndDistinct() {
            Path a = RunLocks.resourceFile(locks(), "zfs:backup:tank/home");
            Path b = RunLocks.resourceFile(locks(), "zfs:backup_tank/home");
            assertThat(a.getFileName().toString()).matches("res-zfs_backup_tank_home-[0-9a-f]{16}\\.lock");
            assertThat(a).isNotEqualTo(b);
            assertThat(RunLocks.resourceFile(locks(), "mount:" + "/x".repeat(100)).getFileName().toString())
                    .hasSizeLessThan(120);
            assertThat(RunLocks.resourceFile(locks(), "mount:/../..").getParent()).isEqualTo(locks());
        }
    }

    @Nested
    class Recovery_ {
        @Test
        void aRecordWhoseResourceALiveRunHoldsIsKeptOpenAndTheOthersUndone() throws Exception {
            Path other = config("other.yaml");
            Process p = RunLockTest.holder(dir.resolve(".other.lock"), dir.resolve("ready"), other.toString(),
                    locks().toString(), "zfs:tank/home-clone");
            try (RunLocks mine = RunLocks.acquire(dir.resolve(".mine.lock"), config("mine.yaml"), List.of(), locks());
                 Journal journal = Journal.open(dir.resolve("journal"), mine)) {
                Undo clone = journal.record(Undo.of("zfs-clone", "tank/home-clone", "home",
                        UndoAction.Run.of(List.of("zfs", "destroy", "tank/home-clone"), List.of())));
                Path tmp = Files.writeString(dir.resolve("tmp"), "x");
                Undo temp = journal.record(Undo.of("temp-file", tmp.toString(), "home", new UndoAction.Delete(tmp)));
                RecordingCommandRunner runner = new RecordingCommandRunner();
                List<RunEvent> events = new ArrayList<>();
                Recovery.Report r = Recovery.run(journal, new org.rdump.core.run.DefaultRunContext(runner,
                        Clock.systemUTC(), false, events::add, "recovery", dir));

                assertThat(r.undone()).containsExactly(temp);
                assertThat(r.failed()).extracting(Recovery.Failure::message).containsExactly(
                        "not undoing zfs-clone tank/home-clone: another rdump run (pid " + p.pid() + ", config " + other
                                + ") is using zfs:tank/home-clone; wait for it to finish");
                assertThat(runner.commands()).isEmpty();
                assertThat(journal.openRecords()).containsExactly(clone);
                assertThat(events).filteredOn(e -> e instanceof RunEvent.Warning).isNotEmpty();
            } finally {
                p.getOutputStream().close();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }

        @Test
        void recordsMapToTheResourcesStepsName() {
            UndoAction a = new UndoAction.Delete(Path.of("/x"));
            assertThat(Recovery.resourceOf(Undo.of("zfs-clone", "tank/c", "v", a))).contains("zfs:tank/c");
            assertThat(Recovery.resourceOf(Undo.of("lvm-snapshot", "vg0/root_snap", "v", a))).contains("lvm:vg0/root_snap");
            assertThat(Recovery.resourceOf(Undo.of("mount", "/mnt/snap", "v", a))).contains("mount:/mnt/snap");
            assertThat(Recovery.resourceOf(Undo.of("scratch", "/tmp/s", "rdump", a))).isEmpty();
        }
    }

    @Nested
    class TheLockDirectory {
        @Test
        void thePropertyWinsOverTheEnvironmentAndIsCreated() {
            Path d = LockDirectory.resolve(Optional.of(dir.resolve("p").toString()),
                    Map.of(LockDirectory.ENV, dir.resolve("e").toString()), dir.resolve("sys/rdump"), dir.resolve("tmp"));
            assertThat(d).isEqualTo(dir.resolve("p")).isDirectory();
        }

        @Test
        void theEnvironmentNamesIt() {
            assertThat(LockDirectory.resolve(Optional.empty(), Map.of(LockDirectory.ENV, dir.resolve("e").toString()),
                    dir.resolve("sys/rdump"), dir.resolve("tmp"))).isEqualTo(dir.resolve("e")).isDirectory();
        }

        @Test
        void theSystemDirectoryIsCreated0755WhenItsParentIsWritable() throws Exception {
            Files.createDirectory(dir.resolve("sys"));
            Path d = LockDirectory.resolve(Optional.empty(), Map.of(), dir.resolve("sys/rdump"), dir.resolve("tmp"));
            assertThat(d).isEqualTo(dir.resolve("sys/rdump"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
                    .isEqualTo("rwxr-xr-x");
        }

        @Test
        void withoutASystemDirectoryTheTemporaryOneIsUsed() {
            assertThat(LockDirectory.resolve(Optional.empty(), Map.of(), dir.resolve("missing/rdump"),
                    dir.resolve("tmp"))).isEqualTo(dir.resolve("tmp"));
        }

        @Test
        void anUnusableOverrideSaysHowToFixIt() throws Exception {
            Path file = Files.writeString(dir.resolve("f"), "");
            assertThatThrownBy(() -> LockDirectory.resolve(Optional.of(file.resolve("x").toString()), Map.of(),
                    dir.resolve("s"), dir.resolve("t"))).isInstanceOf(RdumpException.class)
                    .hasMessageStartingWith("cannot create the rdump lock directory " + file.resolve("x"))
                    .hasMessageEndingWith("; set RDUMP_LOCK_DIR to a writable directory");
        }

        @Test
        void testsUseTheirBuildDirectory() {
            assertThat(LockDirectory.resolve().toString()).endsWith("target/rdump-locks");
        }
    }
}
