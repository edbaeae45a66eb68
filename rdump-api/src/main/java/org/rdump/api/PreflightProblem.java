package org.rdump.api;

import java.util.Objects;

/**
 * Something that would make a run fail, found before the run changes anything (a program that is
 * not installed, a repository that does not answer, a destination that is not writable). Immutable.
 *
 * @param volume the volume concerned, or {@code rdump} for the run as a whole
 * @param message what is wrong and what to do, e.g. {@code rsync is not installed (not found on
 *     PATH); install it (apt-get install rsync)}
 * @since 0.2
 */
public record PreflightProblem(String volume, String message) {
    /**
     * Checks the components.
     *
     * @param volume the volume concerned, or {@code rdump} for the run as a whole
     * @param message what is wrong and what to do, e.g. {@code rsync is not installed (not found on PATH); install it (apt-get install rsync)}
     * @throws NullPointerException if {@code volume} or {@code message} is null
     */
    public PreflightProblem {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return volume + ": " + message;
    }
}
