package org.rdump.rsync;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What rsync's exit codes mean to rdump. Pure. 0 is success; 24 (files vanished while being
 * copied, normal on a live filesystem) is always a warning; 23 (some files could not be copied)
 * and 25 (--max-delete stopped deletions) are warnings only with {@code tolerate_errors}; every
 * other code is a failure.
 */
final class RsyncExit {
    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(1, "syntax or usage error"),
            Map.entry(2, "protocol incompatibility"),
            Map.entry(3, "errors selecting input/output files or directories"),
            Map.entry(5, "error starting client-server protocol"),
            Map.entry(10, "error in socket I/O"),
            Map.entry(11, "error in file I/O"),
            Map.entry(12, "error in rsync protocol data stream"),
            Map.entry(13, "errors with program diagnostics"),
            Map.entry(14, "error in IPC code"),
            Map.entry(20, "received SIGUSR1 or SIGINT"),
            Map.entry(21, "some error returned by waitpid()"),
            Map.entry(22, "error allocating core memory buffers"),
            Map.entry(23, "partial transfer due to error: some files were not copied"),
            Map.entry(24, "partial transfer due to vanished source files"),
            Map.entry(25, "the --max-delete limit stopped deletions"),
            Map.entry(30, "timeout in data send/receive"),
            Map.entry(35, "timeout waiting for daemon connection"));

    private RsyncExit() {
    }

    /** The exit codes that do not fail a backup. */
    static Set<Integer> accepted(boolean tolerateErrors) {
        Set<Integer> s = new TreeSet<>(Set.of(0, 24));
        if (tolerateErrors) {
            s.addAll(Set.of(23, 25));
        }
        return s;
    }

    /** The warning for an accepted non-zero exit code, with the last lines of stderr. */
    static String warning(int code, String stderrTail) {
        return "rsync exit " + code + " (" + meaning(code) + ")" + (stderrTail.isBlank() ? "" : ": " + stderrTail);
    }

    /** What to do about a failure with this exit code, for the exception message. */
    static String hint(int code) {
        String m = "rsync exit " + code + " means: " + meaning(code);
        if (code == 23 || code == 25) {
            return m + "; fix the files named above, or set tolerate_errors: true to accept an incomplete copy";
        }
        return m;
    }

    static String meaning(int code) {
        return MEANING.getOrDefault(code, "unknown exit code");
    }
}
