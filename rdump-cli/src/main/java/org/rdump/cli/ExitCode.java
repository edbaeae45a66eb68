package org.rdump.cli;

import org.rdump.api.ConfigException;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.LockHeldException;
import org.rdump.api.PluginException;
import org.rdump.api.PreflightException;
import org.rdump.api.RunInterruptedException;

/** The exit codes of the {@code rdump} command (documented in the README). */
final class ExitCode {
    static final int OK = 0;
    /** A step or a cleanup failed. */
    static final int FAILED = 1;
    /** Bad command line (picocli's usage error code). */
    static final int USAGE = 2;
    /**
     * The configuration is invalid, names a plugin that is not there, or the pre-flight checks
     * found a problem (a missing program, repository, dataset or destination).
     */
    static final int CONFIG = 3;
    /** Another run of the same configuration, or one using a resource of this run, holds its lock. */
    static final int LOCK_HELD = 4;
    /** A check, signoff or test restore found differences. */
    static final int DIFFERENCES = 5;
    /** Interrupted (SIGINT/SIGTERM); cleanups ran. */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    static int of(Throwable e) {
        if (e instanceof ConfigException || e instanceof PluginException || e instanceof PreflightException) {
            return CONFIG;
        }
        if (e instanceof LockHeldException) {
            return LOCK_HELD;
        }
        if (e instanceof DifferencesFoundException) {
            return DIFFERENCES;
        }
        if (e instanceof RunInterruptedException) {
            return INTERRUPTED;
        }
        return FAILED;
    }
}
