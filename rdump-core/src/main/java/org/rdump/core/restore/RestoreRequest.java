package org.rdump.core.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.support.RestorePaths;

/**
 * What {@code rdump restore} is asked to do. Immutable.
 *
 * @param volume the configured volume; never null
 * @param to the directory to restore into (made absolute); never null
 * @param tool the tool instance to restore from, or null for any
 * @param archive the backup by run stamp or a tool's own name, or null
 * @param at the newest backup at or before this time, or null (not with {@code archive})
 * @param paths the paths to restore, relative to the volume's root, normalized; empty for all
 * @param overwrite whether a non-empty {@code to} may be written into
 * @since 0.4
 */
public record RestoreRequest(String volume, Path to, @Nullable String tool, @Nullable String archive,
                             @Nullable Instant at, List<String> paths, boolean overwrite) {
    /** @throws IllegalArgumentException for a bad path (see {@link RestorePaths#check}) or both archive and at */
    public RestoreRequest {
        Objects.requireNonNull(volume, "volume");
        to = Objects.requireNonNull(to, "to").toAbsolutePath().normalize();
        paths = paths.stream().map(RestorePaths::check).distinct().toList();
        if (archive != null && at != null) {
            throw new IllegalArgumentException("give --archive or --at, not both");
        }
    }
}
