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
    private final List<ConfigProblem> problems;

    /** @param problems at least one problem; never null */
    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ConfigException(String location, String message) {
        this(List.of(new ConfigProblem(location, message)));
    }

    /** Every problem found, in file order; never empty. */
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
