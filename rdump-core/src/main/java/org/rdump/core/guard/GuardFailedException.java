package org.rdump.core.guard;

import org.rdump.api.RdumpException;

/** A source guard stopped a volume: its message says what was found and how to go on. */
public final class GuardFailedException extends RdumpException {
    private static final long serialVersionUID = 1L;
    private final String volume;

    public GuardFailedException(String volume, String message) {
        super(message);
        this.volume = volume;
    }

    /** The guarded volume. */
    public String volume() {
        return volume;
    }
}
