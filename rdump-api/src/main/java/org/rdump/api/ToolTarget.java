package org.rdump.api;

import java.util.Objects;

/**
 * One configured instance of a {@link BackupTool}: a borg repository, an rsync destination.
 * Immutable.
 *
 * @param name the instance's name in the configuration (what {@code actions} refer to)
 * @param tool the tool id, e.g. {@code borg}
 * @param settings its configuration, validated against the tool's schema
 * @since 0.1
 */
public record ToolTarget(String name, String tool, Settings settings) {
    public ToolTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(settings, "settings");
    }
}
