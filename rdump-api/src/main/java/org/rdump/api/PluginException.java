package org.rdump.api;

/**
 * A plugin is missing, duplicated or broken. The message names the plugin id, what was found
 * and which module to add.
 *
 * @since 0.1
 */
public class PluginException extends RdumpException {
    private static final long serialVersionUID = 1L;
    /** The id concerned. */
    private final String pluginId;

    /**
     * An exception about one plugin id.
     *
     * @param pluginId the id concerned, e.g. {@code zfs}; never null
     * @param message what is wrong and what to do (e.g. which module's jar to add); never null
     */
    public PluginException(String pluginId, String message) {
        super(message);
        this.pluginId = pluginId;
    }

    /**
     * The id concerned, as configured or as the provider reports it.
     *
     * @return the id, e.g. {@code zfs}; never null
     */
    public String pluginId() {
        return pluginId;
    }
}
