package org.rdump.core.ledger;

/** How a run, or one volume or backup of it, ended, as the ledger records it. */
public enum RunOutcome {
    /** Started and not finished yet (or killed: the next run marks it {@link #INTERRUPTED}). */
    RUNNING,
    /** Finished without an error. */
    SUCCEEDED,
    /** Finished with an error (for a run: some step of it failed). */
    FAILED,
    /** The run was killed, or interrupted by a signal, before it finished. */
    INTERRUPTED,
    /** Did not run because an earlier step of its volume failed. */
    SKIPPED;

    /**
     * The lower-case name stored in the ledger and shown in JSON.
     *
     * @return {@code running}, {@code succeeded}, {@code failed}, {@code interrupted} or {@code skipped}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static RunOutcome of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
