package org.rdump.core.run;

import java.nio.file.Files;
import java.nio.file.Path;

/** A second process for {@link RunLockTest}: takes the lock, says so, holds it until stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), "test config")) {
            Files.writeString(Path.of(args[1]), "locked");
            System.in.read();
        }
    }
}
