package org.rdump.api;

/**
 * Facts about this API module.
 *
 * @since 0.1
 */
public final class RdumpApi {
    /** The API version; a provider built against another major version may not work. */
    public static final String VERSION = "0.1";

    private RdumpApi() {
    }
}
