package org.rdump.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this rdump was started, as the absolute argument vector a unit's {@code ExecStart=}
 * begins with: the launcher script named by {@value #ENV} (bin/rdump and the one bin/install
 * writes export it), else {@code JAVA -jar JAR} when running from a jar; nothing otherwise (a
 * class directory: tests), and {@code rdump systemd --exec PATH} must say.
 */
final class Launcher {
    /** The variable the launcher scripts set to their own absolute path. */
    static final String ENV = "RDUMP_LAUNCHER";
    /** The PATH systemd gives a system service (systemd.exec(5), merged /usr). */
    static final String SERVICE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";

    /**
     * The start of an ExecStart= line and the variables it needs. Immutable.
     *
     * @param argv the absolute launcher, or java, -jar and the jar
     * @param environment {@code JAVA} when the launcher script would not find this Java on the
     *     service's PATH (or {@code JAVA} was set when it ran); else empty
     * @param how where it came from, for the output
     */
    record Found(List<String> argv, Map<String, String> environment, String how) {
        Found {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
        }
    }

    private Launcher() {
    }

    /** How the running rdump was started, read from {@code env} (the process's environment). */
    static Optional<Found> current(Map<String, String> env) {
        String script = env.get(ENV);
        Optional<String> java = ProcessHandle.current().info().command();
        if (script != null && script.startsWith("/") && Files.isExecutable(Path.of(script))) {
            return Optional.of(new Found(List.of(script), javaFor(env, java), "the launcher " + script
                    + " ($" + ENV + ")"));
        }
        Optional<Path> jar = jar();
        if (jar.isPresent() && java.isPresent()) {
            return Optional.of(new Found(List.of(java.get(), "-jar", jar.get().toString()), Map.of(),
                    "java -jar " + jar.get()));
        }
        return Optional.empty();
    }

    /** {@code JAVA=...} for a launcher script that runs {@code ${JAVA:-java}}, when needed. */
    private static Map<String, String> javaFor(Map<String, String> env, Optional<String> running) {
        String chosen = env.get("JAVA");
        if (chosen != null && !chosen.isBlank()) {
            Optional<Path> abs = chosen.contains("/") ? Optional.of(Path.of(chosen).toAbsolutePath())
                    : find(chosen, env.getOrDefault("PATH", ""));
            return abs.map(p -> Map.of("JAVA", p.toString())).orElse(Map.of());
        }
        if (find("java", SERVICE_PATH).isPresent() || running.isEmpty()) {
            return Map.of();
        }
        return Map.of("JAVA", running.get());
    }

    /** {@code program} in the directories of {@code path}, if it is executable there. */
    static Optional<Path> find(String program, String path) {
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The jar this class was loaded from, when it was one. */
    private static Optional<Path> jar() {
        try {
            var source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return p.toString().endsWith(".jar") && Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath())
                    : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
