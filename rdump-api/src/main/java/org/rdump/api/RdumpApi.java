package org.rdump.api;

/**
 * Facts about this API module, for plugins and for the core that loads them.
 *
 * @since 0.1
 */
public final class RdumpApi {
    /**
     * The version of this API, {@code "0.6"}: the newest of the {@code @since} tags in this
     * module, so a tag says in which version a member appeared. It changes when the API changes
     * incompatibly (0.6: {@link RunContext#logger(String)} returns an SLF4J {@code Logger}, and
     * {@link Plugin#apiVersion()} must be implemented; 0.1 was the first published). Core loads only providers whose
     * {@link Plugin#apiVersion()} is exactly this version; any other is refused with a message
     * that says to rebuild the plugin against this version.
     *
     * <p>A provider implements {@code apiVersion()} as {@code return RdumpApi.VERSION;}: the
     * constant is copied into the plugin's class file when it is compiled, so it records the
     * version the plugin was built against, not the one it runs with.
     */
    public static final String VERSION = "0.6";

    private RdumpApi() {
    }
}
