package org.rdump.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Stand-in rsync programs for the exit codes a test cannot provoke reliably with real files. */
final class Stand {
    private Stand() {
    }

    /**
     * A script that runs the real rsync with its arguments and then, if rsync succeeded, exits
     * with {@code code} (as if some files had vanished, or failed, during a complete copy).
     */
    static Path rsyncThenExit(Path dir, int code) throws IOException {
        Path p = dir.resolve("rsync-exit-" + code);
        Files.writeString(p, "#!/bin/sh\nrsync \"$@\" || exit $?\necho 'stand-in: pretending exit " + code
                + "' >&2\nexit " + code + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
