package org.rdump.api;

import java.util.Objects;

/**
 * One configured instance of a {@link BackupTool}: a borg repository, an rsync destination.
 * Immutable.
 *
 * @param name the instance's name in the configuration (what {@code actions} refer to); never null
 * @param tool the tool id, e.g. {@code borg}; never null
 * @param settings its configuration, validated against the tool's schema; never null
 * @since 0.1
 */
public record ToolTarget(String name, String tool, Settings settings) {
    /**
     * Checks the components.
     *
     * @param name the instance's name in the configuration (what {@code actions} refer to); never null
     * @param tool the tool id, e.g. {@code borg}; never null
     * @param settings its configuration, validated against the tool's schema; never null
     * @throws NullPointerException if a component is null
     */
    public ToolTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(settings, "settings");
    }
}
