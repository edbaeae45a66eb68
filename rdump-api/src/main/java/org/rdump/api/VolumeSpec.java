package org.rdump.api;

import java.util.List;
import java.util.Objects;

/**
 * One configured volume, as a {@link Strategy} receives it. Immutable.
 *
 * @param name the volume's unique name, e.g. {@code root}
 * @param strategy the id of the strategy that plans it, e.g. {@code lvm}
 * @param settings the volume's configuration object (every key, validated against the
 *     strategy's schema)
 * @param actions the original rdump's {@code actions} list: {@code snap}, {@code rsure},
 *     {@code borg} and the names of configured tools
 * @since 0.1
 */
public record VolumeSpec(String name, String strategy, Settings settings, List<String> actions) {
    /**
     * Checks the components and copies {@code actions}.
     *
     * @param name the volume's unique name, e.g. {@code root}
     * @param strategy the id of the strategy that plans it, e.g. {@code lvm}
     * @param settings the volume's configuration object (every key, validated against the strategy's schema)
     * @param actions the original rdump's {@code actions} list: {@code snap}, {@code rsure}, {@code borg} and the names of configured tools
     * @throws NullPointerException if a component is null
     */
    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(settings, "settings");
        actions = List.copyOf(actions);
    }

    /**
     * Whether the manifest ({@code rsure} action) is kept for this volume, so that the strategy
     * plans {@link PlanContext#integritySteps} for it.
     *
     * @return true when {@code actions} names {@code rsure}
     */
    public boolean wantsIntegrity() {
        return actions.contains("rsure");
    }
}
