package org.rdump.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rdump.api.command.Command;

/**
 * One idempotent action of an {@link Undo} record. Immutable values; the set is closed, so that
 * recovery can carry out any record without the plugin that wrote it.
 *
 * @since 0.2
 */
public sealed interface UndoAction {

    /**
     * The action as an administrator would carry it out by hand, shown when it fails.
     *
     * @return a shell line, e.g. {@code zfs list -H -o name tank/c && zfs destroy tank/c}; never null
     */
    String manual();

    /**
     * Runs a program (an argument vector, never a shell string; no secrets: no environment).
     *
     * @param argv the program and its arguments; never empty
     * @param onlyIf an argument vector that exits 0 while the resource still exists (e.g.
     *     {@code zfs list -H -o name DS}, {@code mountpoint -q DIR}); when it exits otherwise the
     *     resource is gone and {@code argv} is not run. Empty: always run {@code argv}, which must
     *     then be idempotent itself.
     * @param expect when not empty, {@code onlyIf} must also print exactly this (trimmed) for the
     *     resource to count as this record's: e.g. {@code zfs get -H -o value origin CLONE} must
     *     print the run's own snapshot, so that a dataset of the same name made by someone else is
     *     never destroyed
     * @param attempts how many times to try {@code argv} (1 s apart) before reporting a failure,
     *     for resources that are briefly busy (a clone just unmounted); at least 1
     */
    record Run(List<String> argv, List<String> onlyIf, String expect, int attempts) implements UndoAction {
        /**
         * Checks the components and copies the argument vectors.
         *
         * @param argv the program and its arguments; never empty
         * @param onlyIf an argument vector that exits 0 while the resource still exists (e.g. {@code zfs list -H -o name DS}, {@code mountpoint -q DIR}); when it exits otherwise the resource is gone and {@code argv} is not run. Empty: always run {@code argv}, which must then be idempotent itself.
         * @param expect when not empty, {@code onlyIf} must also print exactly this (trimmed) for the resource to count as this record's: e.g. {@code zfs get -H -o value origin CLONE} must print the run's own snapshot, so that a dataset of the same name made by someone else is never destroyed
         * @param attempts how many times to try {@code argv} (1 s apart) before reporting a failure, for resources that are briefly busy (a clone just unmounted); at least 1 /
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if {@code argv} is empty, {@code expect} is given
         *     without {@code onlyIf}, or {@code attempts} is below 1
         */
        public Run {
            argv = List.copyOf(argv);
            onlyIf = List.copyOf(onlyIf);
            Objects.requireNonNull(expect, "expect");
            if (!expect.isEmpty() && onlyIf.isEmpty()) {
                throw new IllegalArgumentException("expect needs an onlyIf command");
            }
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("argv must not be empty");
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, found " + attempts);
            }
        }

        /**
         * Runs {@code argv} once when {@code onlyIf} says the resource exists.
         *
         * @param argv the program and its arguments; never empty
         * @param onlyIf exits 0 while the resource exists; empty to always run {@code argv}
         * @return the action; never null
         */
        public static Run of(List<String> argv, List<String> onlyIf) {
            return new Run(argv, onlyIf, "", 1);
        }

        @Override
        public String manual() {
            String cmd = Command.of(argv).display();
            if (onlyIf.isEmpty()) {
                return cmd;
            }
            String check = Command.of(onlyIf).display();
            return expect.isEmpty() ? check + " && " + cmd
                    : "[ \"$(" + check + ")\" = " + Command.quote(expect) + " ] && " + cmd;
        }
    }

    /**
     * Deletes a file or a whole tree (without following symlinks); succeeds when it is gone.
     *
     * @param path the file or tree; absolute
     */
    record Delete(Path path) implements UndoAction {
        /**
         * Checks the path.
         *
         * @param path the file or tree; absolute /
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if {@code path} is relative
         */
        public Delete {
            Objects.requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("path must be absolute, found " + path);
            }
        }

        @Override
        public String manual() {
            return "rm -rf " + Command.quote(path.toString());
        }
    }

    /**
     * Deletes the entries of one directory whose names match a regular expression entirely (e.g.
     * the {@code 2sure.N} temporaries of a manifest update); succeeds when the directory is gone.
     *
     * @param directory the directory; absolute
     * @param nameRegex a {@link java.util.regex.Pattern} matched against each entry's whole name
     */
    record DeleteMatching(Path directory, String nameRegex) implements UndoAction {
        /**
         * Checks the components.
         *
         * @param directory the directory; absolute
         * @param nameRegex a {@link java.util.regex.Pattern} matched against each entry's whole name /
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if {@code directory} is relative
         * @throws java.util.regex.PatternSyntaxException if {@code nameRegex} is not a valid expression
         */
        public DeleteMatching {
            Objects.requireNonNull(directory, "directory");
            java.util.regex.Pattern.compile(nameRegex);
            if (!directory.isAbsolute()) {
                throw new IllegalArgumentException("directory must be absolute, found " + directory);
            }
        }

        @Override
        public String manual() {
            return "find " + Command.quote(directory.toString()) + " -maxdepth 1 -regextype posix-extended -regex "
                    + Command.quote(".*/" + nameRegex) + " -delete";
        }
    }

    /**
     * Stops a process and its descendants: only the process with this pid <em>and</em> this start
     * time (never a reused pid). Sends {@code signal}, waits up to {@code grace}, then kills the
     * process tree. Succeeds when the process is gone.
     *
     * @param pid the process id
     * @param started its start time as the kernel reports it (see {@link ProcessHandle.Info#startInstant()})
     * @param signal {@code INT} (borg writes a checkpoint) or {@code TERM}
     * @param grace how long to wait after {@code signal} before killing the tree
     * @param program the program's name, for messages
     */
    record Stop(long pid, Instant started, String signal, Duration grace, String program) implements UndoAction {
        /**
         * Checks the components.
         *
         * @param pid the process id
         * @param started its start time as the kernel reports it (see {@link ProcessHandle.Info#startInstant()})
         * @param signal {@code INT} (borg writes a checkpoint) or {@code TERM}
         * @param grace how long to wait after {@code signal} before killing the tree
         * @param program the program's name, for messages /
         * @throws NullPointerException if {@code started}, {@code grace} or {@code program} is null
         * @throws IllegalArgumentException if {@code signal} is not INT or TERM, or {@code pid} is not above 1
         */
        public Stop {
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(grace, "grace");
            Objects.requireNonNull(program, "program");
            if (!signal.equals("INT") && !signal.equals("TERM")) {
                throw new IllegalArgumentException("signal must be INT or TERM, found " + signal);
            }
            if (pid <= 1) {
                throw new IllegalArgumentException("pid must be above 1, found " + pid);
            }
        }

        @Override
        public String manual() {
            return "kill -" + signal + " " + pid + " (" + program + ", if it is still the process started at "
                    + started + ")";
        }
    }
}
