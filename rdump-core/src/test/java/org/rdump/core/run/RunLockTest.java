package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.LockHeldException;

class RunLockTest {

    static Process holder(Path lock, Path ready, String... more) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lock.toString(), ready.toString()));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 200 && !Files.exists(ready); i++) {
            Thread.sleep(50);
        }
        assertThat(ready).as("the holder process took the lock").exists();
        return p;
    }

    @Test
    void aSecondProcessIsRefusedWithTheHoldersPidUntilTheFirstEnds(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("rdump.lock");
        Process p = holder(lock, dir.resolve("ready"));
        try {
            assertThatThrownBy(() -> RunLock.acquire(lock, "/etc/rdump/rdump.yaml"))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith("another rdump run holds the lock of /etc/rdump/rdump.yaml (pid " + p.pid()
                            + ", started ")
                    .hasMessageEndingWith("lock file " + lock
                            + ". Wait for that run to finish; the lock is released when its process ends.");
        } finally {
            p.getOutputStream().close(); // the holder exits and its lock dies with it
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        try (RunLock again = RunLock.acquire(lock, "cfg")) {
            assertThat(Files.readString(lock)).startsWith("pid " + ProcessHandle.current().pid() + ", started ");
        }
    }

    @Test
    void aLockLeftByAKilledProcessIsTakenOver(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("rdump.lock");
        Process p = holder(lock, dir.resolve("ready"));
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Files.readString(lock)).as("the dead holder's details stay in the file").contains("pid " + p.pid());
        try (RunLock taken = RunLock.acquire(lock, "cfg")) {
            assertThat(Files.readString(lock)).startsWith("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void theSameJvmCannotTakeItTwice(@TempDir Path dir) {
        Path lock = dir.resolve("l");
        try (RunLock first = RunLock.acquire(lock, "cfg")) {
            assertThatThrownBy(() -> RunLock.acquire(lock, "cfg")).isInstanceOf(LockHeldException.class);
        }
    }
}
