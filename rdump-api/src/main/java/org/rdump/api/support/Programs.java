package org.rdump.api.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.PreflightProblem;
import org.rdump.api.command.CommandRunner;

/**
 * Finds programs as {@link LocalCommandRunner} starts them, for pre-flight checks
 * ({@link org.rdump.api.Step#preflight}). Stateless.
 *
 * @since 0.2
 */
public final class Programs {
    private Programs() {
    }

    /**
     * The first executable regular file {@code program} in {@code searchPath}; a program named
     * with a {@code /} is looked at directly.
     *
     * @param program never null, e.g. {@code rsync} or {@code /usr/bin/rsync}
     * @param searchPath directories separated by {@code :}; never null
     * @return never null, empty when not found
     */
    public static Optional<Path> find(String program, String searchPath) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(searchPath, "searchPath");
        if (program.indexOf('/') >= 0) {
            Path p = Path.of(program);
            return isProgram(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : searchPath.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (isProgram(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The problem when {@code runner} would not find {@code program}: {@code rsync is not installed
     * (not found on PATH=/usr/bin:/bin); install it (apt-get install rsync)}, or for a program
     * named by path {@code /opt/bin/borg-wrapper is not an executable file; FIX}. Empty when it is
     * found, or when the runner cannot tell where it looks ({@link CommandRunner#searchPath()}).
     *
     * @param volume the volume the problem is reported for; never null
     * @param program never null
     * @param fix what to do, e.g. {@code install it (apt-get install rsync)}; never null
     * @param runner the runner that will start the program; never null
     * @return never null
     */
    public static Optional<PreflightProblem> check(String volume, String program, String fix, CommandRunner runner) {
        Optional<String> path = runner.searchPath();
        if (path.isEmpty() || find(program, path.get()).isPresent()) {
            return Optional.empty();
        }
        String what = program.indexOf('/') >= 0
                ? program + " is not an executable file"
                : program + " is not installed (not found on PATH=" + path.get() + ")";
        return Optional.of(new PreflightProblem(volume, what + "; " + fix));
    }

    /**
     * The usual fix for a missing program, for {@link #check}'s {@code fix}.
     *
     * @param debianPackage the Debian package that holds the program; never null
     * @return {@code install it (apt-get install PACKAGE)}; never null
     */
    public static String aptInstall(String debianPackage) {
        return "install it (apt-get install " + debianPackage + ")";
    }

    private static boolean isProgram(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
