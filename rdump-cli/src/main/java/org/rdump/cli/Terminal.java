package org.rdump.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, the one place the progress line (with its {@code \r} and
 * erase-line escape) goes. {@link System#console()} cannot tell: it looks at standard input and
 * output, so {@code rdump backup 2>log} on a terminal would write escapes into the log, and on
 * JDK 22+ it may return a console for no terminal at all.
 */
final class Terminal {
    private Terminal() {
    }

    /** Standard error (file descriptor 2) is a terminal device and {@code TERM} is not {@code dumb}. */
    static boolean isStderr() {
        String term = System.getenv("TERM");
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no /proc: no progress line rather than stray escapes
        }
    }
}
