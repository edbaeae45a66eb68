package org.rdump.core.status;

/**
 * A monitoring state, with the exit code the monitoring-plugins convention gives it. Worse states
 * rank higher: when states combine, CRITICAL beats WARNING beats UNKNOWN beats OK (the
 * convention's {@code max_state_alt}).
 */
public enum State {
    /** Backed up and proven restorable within the thresholds; exit code 0. */
    OK(0, 0),
    /** Too old a backup or too old a proof; exit code 1. */
    WARNING(1, 2),
    /** No backup, a failed run, or differences found; exit code 2. */
    CRITICAL(2, 3),
    /** Never proven restorable, or the ledger unreadable; exit code 3. */
    UNKNOWN(3, 1);

    private final int exitCode;
    private final int rank;

    State(int exitCode, int rank) {
        this.exitCode = exitCode;
        this.rank = rank;
    }

    /**
     * The exit code of {@code rdump status --check} in this state.
     *
     * @return 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The worse of the two (CRITICAL, then WARNING, then UNKNOWN, then OK).
     *
     * @param other another state; never null
     * @return this or {@code other}
     */
    public State worst(State other) {
        return other.rank > rank ? other : this;
    }
}
