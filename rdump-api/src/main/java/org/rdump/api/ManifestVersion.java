package org.rdump.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored version of a manifest. Immutable.
 *
 * @param number 1 for the first version, growing by one
 * @param name the version's name (the {@code name} tag)
 * @param time when it was stored
 * @param tags the other tags; copied
 * @since 0.1
 */
public record ManifestVersion(int number, String name, Instant time, Map<String, String> tags) {
    /**
     * Checks the components and copies {@code tags}.
     *
     * @param number 1 for the first version, growing by one
     * @param name the version's name (the {@code name} tag)
     * @param time when it was stored
     * @param tags the other tags; copied
     * @throws NullPointerException if {@code name}, {@code time} or {@code tags} is null
     */
    public ManifestVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        tags = Map.copyOf(tags);
    }
}
