package org.rdump.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Settings;

/**
 * One {@code zfs:} replication job of the original layout: every dataset under
 * {@code src.volume} copied to {@code dest.volume}, either side possibly on another host.
 * Immutable.
 *
 * @param name the job's name
 * @param srcHost the source host, or null for this machine
 * @param srcVolume the source dataset
 * @param destHost the destination host, or null for this machine
 * @param destVolume the destination dataset
 * @param exclude regular expressions of dataset names (relative to the source) to leave out
 * @param settings the job's raw settings, for positions in messages
 */
public record ReplicationJob(String name, @Nullable String srcHost, String srcVolume, @Nullable String destHost,
                             String destVolume, List<String> exclude, Settings settings) {
    public ReplicationJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(srcVolume, "srcVolume");
        Objects.requireNonNull(destVolume, "destVolume");
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(settings, "settings");
    }

    public Optional<String> source() {
        return Optional.ofNullable(srcHost);
    }

    public Optional<String> destination() {
        return Optional.ofNullable(destHost);
    }
}
