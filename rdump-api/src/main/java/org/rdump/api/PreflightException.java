package org.rdump.api;

import org.rdump.api.support.Plural;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pre-flight checks ({@link Step#preflight}) found something that would make a run fail, so
 * the run did not start and nothing was changed. Carries every problem found, so that a user
 * fixes them in one go. The command line exits 3, as for an invalid configuration.
 *
 * @since 0.2
 */
public class PreflightException extends RdumpException {
    private static final long serialVersionUID = 1L;
    /** The problems, in plan order; never empty. */
    private final List<PreflightProblem> problems;

    /**
     * An exception carrying every problem found; its message lists them all.
     *
     * @param problems at least one, in plan order; never null; copied
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public PreflightException(List<PreflightProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, so that a caller can show each with its volume.
     *
     * @return the problems in plan order; never empty, unmodifiable
     */
    public List<PreflightProblem> problems() {
        return problems;
    }

    /**
     * {@code pre-flight check failed (N problems); nothing was changed:} then one line per
     * problem, {@code   VOLUME: MESSAGE}.
     */
    private static String render(List<PreflightProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n",
                "pre-flight check failed (" + Plural.of(problems.size(), "problem") + "); nothing was changed:\n", ""));
    }
}
