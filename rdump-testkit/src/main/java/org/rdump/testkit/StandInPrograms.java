package org.rdump.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;

/**
 * Stand-in programs for tests of code that drives programs the test machine cannot run for real
 * (LVM without device-mapper). Each stand-in is a small POSIX {@code sh} script in a private
 * {@code bin} directory that first appends its argument vector to a call log (one line per
 * call: the program's name and its arguments separated by tabs), then fails if the test asked
 * it to, then runs the body the test gave it, which emulates the program on files under
 * {@link #state()}.
 *
 * <p>Put the stand-ins first on the search path with {@link #path()}, or take
 * {@link #runner()}, a {@link LocalCommandRunner} that does so. Arguments that contain a tab or
 * a line break are not supported by the call log. Not thread-safe: one test uses one instance.
 *
 * <p>A body sees these shell variables: {@code STANDIN_STATE} (the state directory, exported),
 * {@code STANDIN_NAME} (the program's name) and the program's arguments as {@code $@}. Its
 * {@code PATH} is the JVM's, without the stand-ins, so the tools a body uses are the real ones.
 */
public final class StandInPrograms {
    private final Path bin;
    private final Path state;
    private final Path failures;
    private final Path log;
    private final String path;
    private final String systemPath;

    private StandInPrograms(Path root) {
        this.bin = mkdirs(root.resolve("bin"));
        this.state = mkdirs(root.resolve("state"));
        this.failures = mkdirs(root.resolve("fail"));
        this.log = root.resolve("calls.log");
        this.systemPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        this.path = bin + ":" + systemPath;
        try {
            Files.deleteIfExists(log);
            Files.createFile(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stand-ins kept under {@code root} (a fresh temporary directory): {@code bin/},
     * {@code state/}, {@code fail/} and {@code calls.log}.
     *
     * @param root never null; must not contain a single quote
     */
    public static StandInPrograms in(Path root) {
        if (root.toString().contains("'")) {
            throw new IllegalArgumentException("root must not contain a single quote: " + root);
        }
        return new StandInPrograms(root.toAbsolutePath());
    }

    /**
     * Writes (or replaces) the stand-in {@code name}.
     *
     * @param name the program's name, e.g. {@code lvcreate}
     * @param body POSIX sh run after the call is logged; its exit status is the program's
     * @return this
     */
    public StandInPrograms add(String name, String body) {
        Objects.requireNonNull(body, "body");
        if (!name.matches("[A-Za-z0-9._+-]+")) {
            throw new IllegalArgumentException("not a plain program name: " + name);
        }
        String fail = q(failures.resolve(name).toString());
        String script = "#!/bin/sh\n"
                + "# stand-in for " + name + ", written by org.rdump.testkit.StandInPrograms\n"
                + "STANDIN_NAME=" + name + "\n"
                + "STANDIN_STATE=" + q(state.toString()) + "\n"
                + "export STANDIN_STATE\n"
                + "PATH=" + q(systemPath) + "\n"
                + "export PATH\n"
                + "{ printf '%s' \"$STANDIN_NAME\"; for a in \"$@\"; do printf '\\t%s' \"$a\"; done;"
                + " printf '\\n'; } >> " + q(log.toString()) + "\n"
                + "if [ -f " + fail + " ]; then\n"
                + "  tail -n +2 " + fail + " >&2\n"
                + "  exit \"$(head -n 1 " + fail + ")\"\n"
                + "fi\n"
                + body + "\n";
        Path p = bin.resolve(name);
        try {
            Files.writeString(p, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A stand-in that logs its call and then runs the real program of that name (found on the
     * JVM's {@code PATH} now), e.g. {@code mkdir}.
     *
     * @throws IllegalStateException when the real program is not on {@code PATH}
     */
    public StandInPrograms passThrough(String name) {
        Path real = RequiredTools.which(name)
                .orElseThrow(() -> new IllegalStateException(name + " is not on PATH"));
        return add(name, "exec " + q(real.toString()) + " \"$@\"");
    }

    /**
     * Makes every later call of {@code name} fail with {@code exitCode} and {@code stderr}
     * (before its body runs), until {@link #succeed} is called.
     */
    public void fail(String name, int exitCode, String stderr) {
        write(failures.resolve(name), exitCode + "\n" + stderr + (stderr.endsWith("\n") ? "" : "\n"));
    }

    /** Undoes {@link #fail}. */
    public void succeed(String name) {
        try {
            Files.deleteIfExists(failures.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The search path: the stand-ins first, then the JVM's {@code PATH}. */
    public String path() {
        return path;
    }

    /** A runner that finds the stand-ins first. */
    public CommandRunner runner() {
        return new LocalCommandRunner(path);
    }

    /** The directory the bodies emulate their program's state in. */
    public Path state() {
        return state;
    }

    /** Every logged call so far, in order: the program's name followed by its arguments. */
    public List<List<String>> calls() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(l -> List.of(l.split("\t", -1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logged calls of the given programs only, in order. */
    public List<List<String>> calls(String... programs) {
        List<String> names = Arrays.asList(programs);
        return calls().stream().filter(c -> names.contains(c.get(0))).toList();
    }

    /** Every logged call as one space-separated line, for readable assertions. */
    public List<String> callLines() {
        return calls().stream().map(c -> String.join(" ", c)).toList();
    }

    /** Forgets the calls logged so far. */
    public void clearCalls() {
        write(log, "");
    }

    /** Quotes a word for sh with single quotes. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
