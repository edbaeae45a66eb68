package org.rdump.api.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An external program to run: an argument vector (never a shell string), environment
 * additions, a working directory, optional stdin, a timeout and the exit codes that count as
 * success. Immutable; the {@code with*} methods return copies.
 *
 * <p>{@link #toString()} renders the argument vector shell-quoted, for logs and dry runs, after
 * the environment additions: a plain value shown ({@code BORG_RELOCATED_REPO_ACCESS_IS_OK=no}),
 * a secret masked ({@code BORG_PASSPHRASE=******}; see {@link Secrets#masks}).
 *
 * @param argv the program and its arguments; at least one element
 * @param environment additions to the inherited environment; values may be secrets
 * @param workingDirectory where to run, or null for the current directory
 * @param stdin bytes fed to standard input, or null for none (stdin is then empty)
 * @param timeout how long to wait before killing the process tree; {@link Duration#ZERO} for none
 * @param acceptedExitCodes exit codes that count as success (always contains at least one)
 * @param stopSignal how the program is asked to stop when the run is interrupted, before it is
 *     killed: {@code TERM} (the default) or {@code INT} (borg then writes a checkpoint)
 * @since 0.1
 */
public record Command(List<String> argv, Map<String, Secret> environment,
                      @Nullable Path workingDirectory, byte @Nullable [] stdin, Duration timeout,
                      Set<Integer> acceptedExitCodes, String stopSignal) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /**
     * Checks the components and copies the collections and {@code stdin}.
     *
     * @param argv the program and its arguments; at least one element
     * @param environment additions to the inherited environment; values may be secrets
     * @param workingDirectory where to run, or null for the current directory
     * @param stdin bytes fed to standard input, or null for none (stdin is then empty)
     * @param timeout how long to wait before killing the process tree; {@link Duration#ZERO} for none
     * @param acceptedExitCodes exit codes that count as success (always contains at least one)
     * @param stopSignal how the program is asked to stop when the run is interrupted, before it is killed: {@code TERM} (the default) or {@code INT} (borg then writes a checkpoint)
     * @throws NullPointerException if {@code argv}, {@code environment}, {@code timeout},
     *     {@code acceptedExitCodes} or {@code stopSignal} is null
     * @throws IllegalArgumentException if {@code argv} or {@code acceptedExitCodes} is empty, an
     *     argument or variable contains a NUL byte, a variable name is empty or holds {@code =},
     *     or {@code stopSignal} is not TERM or INT
     */
    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains a NUL byte: " + quote(a));
            }
        }
        environment = Map.copyOf(environment);
        for (Map.Entry<String, Secret> e : environment.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not an environment variable name: " + quote(e.getKey()));
            }
            if (e.getValue().reveal().indexOf('\0') >= 0) {
                // the value may be a secret: name the variable only
                throw new IllegalArgumentException("environment variable " + e.getKey() + " contains a NUL byte");
            }
        }
        Objects.requireNonNull(timeout, "timeout");
        acceptedExitCodes = Set.copyOf(acceptedExitCodes);
        if (acceptedExitCodes.isEmpty()) {
            throw new IllegalArgumentException("acceptedExitCodes must not be empty");
        }
        stdin = stdin == null ? null : stdin.clone();
        if (!"TERM".equals(stopSignal) && !"INT".equals(stopSignal)) {
            throw new IllegalArgumentException("stopSignal must be TERM or INT, found " + stopSignal);
        }
    }

    /**
     * A command that is stopped with SIGTERM.
     *
     * @param argv the program and its arguments; at least one element
     * @param environment additions to the inherited environment; never null
     * @param workingDirectory where to run, or null for the current directory
     * @param stdin bytes fed to standard input, or null for none
     * @param timeout how long to wait before killing the process tree; {@link Duration#ZERO} for none
     * @param acceptedExitCodes exit codes that count as success; at least one
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Command(List<String> argv, Map<String, Secret> environment, @Nullable Path workingDirectory,
                   byte @Nullable [] stdin, Duration timeout, Set<Integer> acceptedExitCodes) {
        this(argv, environment, workingDirectory, stdin, timeout, acceptedExitCodes, "TERM");
    }

    /**
     * A command with no environment additions, no stdin, no timeout, accepting exit 0.
     *
     * @param program the program, a name looked up on {@code PATH} or a path; never null
     * @param args its arguments, each passed as one word; never null
     * @return the command; never null
     */
    public static Command of(String program, String... args) {
        List<String> v = new ArrayList<>();
        v.add(program);
        v.addAll(Arrays.asList(args));
        return of(v);
    }

    /**
     * A command with no environment additions, no stdin, no timeout, accepting exit 0.
     *
     * @param argv the program and its arguments; at least one element
     * @return the command; never null
     * @throws IllegalArgumentException if {@code argv} is empty or holds a NUL byte
     */
    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), null, null, Duration.ZERO, Set.of(0));
    }

    /**
     * The program, the first word of the argument vector.
     *
     * @return the program; never null
     */
    public String program() {
        return argv.get(0);
    }

    /**
     * Adds an environment variable with a plain value, shown in logs and dry runs (unless its
     * name says it is a secret, see {@link Secrets#isSecretName}).
     *
     * @param name the variable's name; never null
     * @param value its value; never null
     * @return a copy with the variable set; this command is unchanged
     */
    public Command withEnv(String name, String value) {
        return withEnv(name, Secret.of(value));
    }

    /**
     * Adds an environment variable holding a secret: the way to pass a passphrase to a program.
     *
     * @param name the variable's name; never null
     * @param value its value; never null; masked in logs when registered ({@link Secrets#register})
     * @return a copy with the variable set; this command is unchanged
     */
    public Command withEnv(String name, Secret value) {
        Map<String, Secret> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new Command(argv, env, workingDirectory, stdin, timeout, acceptedExitCodes, stopSignal);
    }

    /**
     * Sets where the program runs.
     *
     * @param dir the working directory, or null for the current directory
     * @return a copy with that directory; this command is unchanged
     */
    public Command withWorkingDirectory(@Nullable Path dir) {
        return new Command(argv, environment, dir, stdin, timeout, acceptedExitCodes, stopSignal);
    }

    /**
     * Sets the bytes fed to the program's standard input (e.g. a passphrase for a program that
     * reads it there).
     *
     * @param input the bytes (copied), or null for an empty standard input
     * @return a copy with that input; this command is unchanged
     */
    public Command withStdin(byte @Nullable [] input) {
        return new Command(argv, environment, workingDirectory, input, timeout, acceptedExitCodes, stopSignal);
    }

    /**
     * Sets how long the program may run before its process tree is killed.
     *
     * @param t the timeout; {@link Duration#ZERO} for none; never null
     * @return a copy with that timeout; this command is unchanged
     */
    public Command withTimeout(Duration t) {
        return new Command(argv, environment, workingDirectory, stdin, t, acceptedExitCodes, stopSignal);
    }

    /**
     * Replaces the exit codes that count as success (e.g. rsync's 24, "files vanished").
     *
     * @param codes the accepted codes; at least one
     * @return a copy accepting those codes; this command is unchanged
     * @throws IllegalArgumentException if {@code codes} is empty
     */
    public Command accepting(Integer... codes) {
        return new Command(argv, environment, workingDirectory, stdin, timeout, Set.of(codes), stopSignal);
    }

    /**
     * A copy with a different argument vector (used by sudo and ssh wrappers).
     *
     * @param newArgv the new program and arguments; at least one element
     * @return the copy; this command is unchanged
     */
    public Command withArgv(List<String> newArgv) {
        return new Command(newArgv, environment, workingDirectory, stdin, timeout, acceptedExitCodes, stopSignal);
    }

    /**
     * A copy that is asked to stop with SIGINT (then killed), as borg wants for its checkpoint.
     *
     * @return the copy; this command is unchanged
     */
    public Command stoppedByInterrupt() {
        return new Command(argv, environment, workingDirectory, stdin, timeout, acceptedExitCodes, "INT");
    }

    /**
     * Whether an exit code counts as success.
     *
     * @param exitCode the program's exit status
     * @return true when it is one of {@link #acceptedExitCodes()}
     */
    public boolean accepts(int exitCode) {
        return acceptedExitCodes.contains(exitCode);
    }

    /**
     * The bytes fed to standard input.
     *
     * @return a copy of them, or null for none
     */
    @Override
    public byte @Nullable [] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    /**
     * The argument vector quoted for a POSIX shell (display only; never executed).
     *
     * @return e.g. {@code zfs snapshot 'tank/my home@x'}; never null
     */
    public String display() {
        return argv.stream().map(Command::quote).collect(Collectors.joining(" "));
    }

    /**
     * Quotes one word for a POSIX shell: unchanged when it holds only safe characters, otherwise
     * in single quotes with each {@code '} written {@code '\''}.
     *
     * @param word the word; never null
     * @return the quoted word, safe to paste into a shell; never null
     */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.argv.equals(argv) && c.environment.equals(environment)
                && Objects.equals(c.workingDirectory, workingDirectory)
                && Arrays.equals(c.stdin, stdin) && c.timeout.equals(timeout)
                && c.acceptedExitCodes.equals(acceptedExitCodes) && c.stopSignal.equals(stopSignal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, environment, workingDirectory, Arrays.hashCode(stdin), timeout,
                acceptedExitCodes, stopSignal);
    }

    @Override
    public String toString() {
        String env = environment.isEmpty() ? ""
                : new TreeSet<>(environment.keySet()).stream()
                        .map(k -> k + "=" + (Secrets.masks(k, environment.get(k)) ? Secrets.MASK
                                : quote(environment.get(k).reveal())))
                        .collect(Collectors.joining(" ", "", " "));
        String cd = workingDirectory == null ? "" : "(cd " + quote(workingDirectory.toString()) + ") ";
        return cd + env + display();
    }
}
