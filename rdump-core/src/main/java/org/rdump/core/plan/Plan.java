package org.rdump.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;

/**
 * The ordered steps of one run. Immutable (the steps themselves are used once).
 *
 * @param runStamp the run's timestamp
 * @param volumes the selected volumes
 * @param steps grouped by phase, in run order
 */
public record Plan(String runStamp, List<VolumeSpec> volumes, List<Step> steps) {
    public Plan {
        Objects.requireNonNull(runStamp, "runStamp");
        volumes = List.copyOf(volumes);
        steps = List.copyOf(steps);
    }

    /**
     * What the steps touch that another run must not use at the same time
     * ({@link Step#resources()}), distinct and sorted; what {@link org.rdump.core.run.RunLocks} locks.
     */
    public List<String> resources() {
        return steps.stream().flatMap(s -> s.resources().stream()).distinct().sorted().toList();
    }

    /** The plan as text: a heading per phase, then one line per step. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        Phase current = null;
        int i = 0;
        for (Step s : steps) {
            if (s.phase() != current) {
                current = s.phase();
                out.add(current.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ":");
            }
            out.add(String.format("  %2d. [%s] %s", ++i, s.volume(), s.describe()));
        }
        return out;
    }
}
