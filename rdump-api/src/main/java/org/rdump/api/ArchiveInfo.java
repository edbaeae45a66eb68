package org.rdump.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One backup held by a tool. Immutable.
 *
 * @param id the tool's name for it (borg archive name, rsync copy directory name)
 * @param volume the volume it belongs to
 * @param time when it was made
 * @param details tool-specific facts; copied
 * @since 0.1
 */
public record ArchiveInfo(String id, String volume, Instant time, Map<String, String> details) {
    public ArchiveInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(time, "time");
        details = Map.copyOf(details);
    }
}
