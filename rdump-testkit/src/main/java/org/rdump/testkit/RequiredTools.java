package org.rdump.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a test does when a real program it needs is missing: skip with a clear message,
 * or fail when the program is required: when the environment has {@code CI=true}, or when the
 * system property {@code rdump.test.require} names it (comma separated, {@code all} for every
 * tool), after restic's {@code SkipDisallowed}.
 */
public final class RequiredTools {
    private RequiredTools() {
    }

    /** Where a program is on PATH, if anywhere. */
    public static java.util.Optional<Path> which(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(":")).filter(s -> !s.isEmpty())
                .map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    /** True when missing tools fail tests instead of skipping them. */
    public static boolean required(String tool) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return true;
        }
        Set<String> names = Arrays.stream(System.getProperty("rdump.test.require", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return names.contains("all") || names.contains(tool);
    }

    /**
     * Skips the calling test (or fails it when required) unless every program is on PATH.
     *
     * @param tool the tool's name for {@code rdump.test.require}, e.g. {@code zfs}
     * @param programs the programs it needs, e.g. {@code zfs}, {@code zpool}
     */
    public static void need(String tool, String... programs) {
        for (String p : programs) {
            if (which(p).isEmpty()) {
                String msg = "'" + p + "' is not on PATH: install it (see .ci/run) to run the " + tool + " tests";
                if (required(tool)) {
                    throw new AssertionError(msg + " (required because CI=true or -Drdump.test.require=" + tool + ")");
                }
                Assumptions.abort(msg);
            }
        }
    }

    /** Like {@link #need}, for a condition other than a program on PATH (e.g. a running daemon). */
    public static void needCondition(String tool, boolean ok, String whatIsMissing) {
        if (!ok) {
            if (required(tool)) {
                throw new AssertionError(whatIsMissing + " (required because CI=true or -Drdump.test.require=" + tool + ")");
            }
            Assumptions.abort(whatIsMissing);
        }
    }
}
