package org.rdump.zfs.replicate;

import java.util.Objects;
import org.rdump.zfs.ZfsHost;

/**
 * One side of a replication job. Immutable.
 *
 * @param host where its zfs runs
 * @param volume the root dataset, e.g. {@code lint/web-media}
 * @since 0.1
 */
public record Endpoint(ZfsHost host, String volume) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(volume, "volume");
    }

    @Override
    public String toString() {
        return host instanceof ZfsHost.Local ? volume : host.display() + ":" + volume;
    }
}
