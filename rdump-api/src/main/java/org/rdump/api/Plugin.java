package org.rdump.api;

/**
 * What every provider of the four SPIs has: a stable lowercase id, a one-line description and
 * the {@code rdump-api} version it was built against. Core finds providers with
 * {@link java.util.ServiceLoader}; two providers of one SPI with the same id are an error.
 *
 * @since 0.1
 */
public interface Plugin {

    /** Stable, lowercase, e.g. {@code zfs}; the name used in configurations. Never null. */
    String id();

    /** One line for {@code rdump plugins}. */
    String description();

    /** The rdump-api version this provider was built against; core warns on unknown ones. */
    default String apiVersion() {
        return RdumpApi.VERSION;
    }
}
