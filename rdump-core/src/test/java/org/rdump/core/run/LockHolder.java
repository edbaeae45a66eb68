package org.rdump.core.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A second process for the lock tests: takes the lock, says so, holds it until stdin closes.
 * Arguments: {@code LOCK READY}, or {@code LOCK READY CONFIG DIR RESOURCE...} for the
 * {@link RunLocks} of a run of {@code CONFIG} using those resources in lock directory {@code DIR}.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (AutoCloseable lock = args.length == 2 ? RunLock.acquire(Path.of(args[0]), "test config")
                : RunLocks.acquire(Path.of(args[0]), Path.of(args[2]), resources(args), Path.of(args[3]))) {
            Files.writeString(Path.of(args[1]), "locked");
            System.in.read();
        }
    }

    private static List<String> resources(String[] args) {
        return Arrays.asList(args).subList(4, args.length);
    }
}
