package org.rdump.core.status;

/**
 * A monitoring state, with the exit code the monitoring-plugins convention gives it. Worse states
 * rank higher: when states combine, CRITICAL beats WARNING beats UNKNOWN beats OK (the
 * convention's {@code max_state_alt}).
 */
public enum State {
    OK(0, 0), WARNING(1, 2), CRITICAL(2, 3), UNKNOWN(3, 1);

    private final int exitCode;
    private final int rank;

    State(int exitCode, int rank) {
        this.exitCode = exitCode;
        this.rank = rank;
    }

    /** 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
    public int exitCode() {
        return exitCode;
    }

    /** The worse of the two. */
    public State worst(State other) {
        return other.rank > rank ? other : this;
    }
}
