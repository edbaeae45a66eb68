package org.rdump.core.plugin;

import java.util.Objects;

/**
 * One discovered provider, as {@code rdump plugins} shows it. Immutable.
 *
 * @param spi the SPI's simple name, e.g. {@code SnapshotProvider}
 * @param id the provider's id
 * @param description its one-line description
 * @param className the implementing class
 * @param location the jar or directory it was loaded from
 * @param version the implementation version from the jar's manifest, or {@code dev}
 * @param apiVersion the rdump-api version it was built against
 * @param origin {@link #BUILT_IN} for a provider on rdump's class path, else the plugin jar it
 *     was loaded from (found on the plugin path)
 */
public record PluginInfo(String spi, String id, String description, String className,
                         String location, String version, String apiVersion, String origin) {
    /** The origin of a provider on rdump's own class path. */
    public static final String BUILT_IN = "built in";

    /**
     * Checks the components.
     *
     * @param spi the SPI's simple name, e.g. {@code SnapshotProvider}
     * @param id the provider's id
     * @param description its one-line description
     * @param className the implementing class
     * @param location the jar or directory it was loaded from
     * @param version the implementation version from the jar's manifest, or {@code dev}
     * @param apiVersion the rdump-api version it was built against
     * @param origin {@link #BUILT_IN} for a provider on rdump's class path, else the plugin jar it was loaded
     *     from (found on the plugin path)
     * @throws NullPointerException if any component is null
     */
    public PluginInfo {
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(origin, "origin");
    }
}
