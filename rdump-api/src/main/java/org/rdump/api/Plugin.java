package org.rdump.api;

/**
 * What every provider of the four SPIs has: a stable lowercase id, a one-line description and
 * the {@code rdump-api} version it was built against. Core finds providers with
 * {@link java.util.ServiceLoader}; two providers of one SPI with the same id are an error.
 *
 * @since 0.1
 */
public interface Plugin {

    /**
     * The provider's id: stable, lowercase, e.g. {@code zfs}; the name configurations use to
     * select it, unique among the providers of one SPI. Called often; must be cheap and always
     * return the same value.
     *
     * @return the id, never null or blank
     */
    String id();

    /**
     * One line describing the provider, shown by {@code rdump plugins}.
     *
     * @return the description, never null
     */
    String description();

    /**
     * The rdump-api version this provider was built against. Implement it as
     * {@code return RdumpApi.VERSION;}: javac copies the constant into the plugin's class, so
     * the value is the version of the {@code rdump-api} jar the plugin was compiled with. Core
     * refuses a provider whose version is not {@link RdumpApi#VERSION} (or that was built before
     * this method existed), naming the version to rebuild against.
     *
     * @return the version, e.g. {@code "0.2"}, never null
     * @since 0.2
     */
    String apiVersion();
}
