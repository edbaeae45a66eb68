package org.rdump.api;

import java.util.Objects;

/**
 * One problem found in a configuration: where it is and what was expected. Immutable.
 *
 * @param location {@code file:line:column} followed by the key path, e.g.
 *     {@code rdump.yaml:4:5 lvm[0].vg}; never null
 * @param message what is wrong and what is expected; never null
 * @since 0.1
 */
public record ConfigProblem(String location, String message) {
    public ConfigProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
