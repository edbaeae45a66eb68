package org.rdump.core.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * Runs every step's {@link Step#preflight} before a run changes anything, and collects every
 * problem at once (in plan order, each distinct problem once). A step whose check itself fails
 * with an {@link RdumpException} gives a problem too, so one broken check does not hide the
 * others. Changes nothing; stateless.
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * Checks {@code steps}.
     *
     * @param context a dry-run context: its runner records, its query runner runs read-only
     *     commands for real; never null
     * @return never null, empty when nothing is wrong
     */
    public static List<PreflightProblem> check(List<Step> steps, RunContext context) {
        Objects.requireNonNull(context, "context");
        Set<PreflightProblem> found = new LinkedHashSet<>();
        for (Step step : steps) {
            try {
                found.addAll(step.preflight(context));
            } catch (RdumpException e) {
                found.add(new PreflightProblem(step.volume(), "cannot check '" + step.describe() + "': "
                        + e.getMessage()));
            }
        }
        return List.copyOf(new ArrayList<>(found));
    }
}
