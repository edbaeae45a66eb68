package org.rdump.api;

import org.rdump.api.support.Plural;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration is invalid. Carries every problem found, so that a user fixes them in one go;
 * nothing runs while a configuration is invalid.
 *
 * @since 0.1
 */
public class ConfigException extends RdumpException {
    private static final long serialVersionUID = 1L;
    /** The problems, in file order; never empty. */
    private final List<ConfigProblem> problems;

    /**
     * An exception carrying every problem found; its message lists them all.
     *
     * @param problems at least one problem, in file order; never null; copied
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * An exception with a single problem.
     *
     * @param location where the problem is, as {@link ConfigProblem#location()}; never null
     * @param message what is wrong and what to do; never null
     */
    public ConfigException(String location, String message) {
        this(List.of(new ConfigProblem(location, message)));
    }

    /**
     * Every problem found, so a caller can show each one with its position.
     *
     * @return the problems in file order; never empty, unmodifiable
     */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        if (problems.size() == 1) {
            return "invalid configuration: " + problems.get(0);
        }
        return problems.stream().map(p -> "  " + p)
                .collect(Collectors.joining("\n",
                        "invalid configuration (" + Plural.of(problems.size(), "problem") + "):\n", ""));
    }
}
