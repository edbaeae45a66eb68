package org.rdump.api;

import java.util.Map;
import java.util.Objects;

/**
 * An existing snapshot. Immutable.
 *
 * @param provider the provider id, e.g. {@code lvm}; never null
 * @param volume what was snapshotted, in the provider's terms ({@code vg0/root}, {@code tank/home})
 * @param name the snapshot's own name ({@code root_snap}, {@code 20261124T101500Z})
 * @param device where it is reached: a device path ({@code /dev/vg0/root_snap}) or a full
 *     snapshot name ({@code tank/home@name})
 * @param properties provider-specific facts (creation time, fill level); copied
 * @since 0.1
 */
public record SnapshotRef(String provider, String volume, String name, String device,
                          Map<String, String> properties) {
    /**
     * Checks the components and copies {@code properties}.
     *
     * @param provider the provider id, e.g. {@code lvm}; never null
     * @param volume what was snapshotted, in the provider's terms ({@code vg0/root}, {@code tank/home})
     * @param name the snapshot's own name ({@code root_snap}, {@code 20261124T101500Z})
     * @param device where it is reached: a device path ({@code /dev/vg0/root_snap}) or a full snapshot name ({@code tank/home@name})
     * @param properties provider-specific facts (creation time, fill level); copied
     * @throws NullPointerException if a component is null
     */
    public SnapshotRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        properties = Map.copyOf(properties);
    }
}
