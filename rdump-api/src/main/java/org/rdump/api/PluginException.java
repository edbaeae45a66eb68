package org.rdump.api;

/**
 * A plugin is missing, duplicated or broken. The message names the plugin id, what was found
 * and which module to add.
 *
 * @since 0.1
 */
public class PluginException extends RdumpException {
    private static final long serialVersionUID = 1L;
    private final String pluginId;

    public PluginException(String pluginId, String message) {
        super(message);
        this.pluginId = pluginId;
    }

    /** The id concerned, e.g. {@code zfs}; never null. */
    public String pluginId() {
        return pluginId;
    }
}
