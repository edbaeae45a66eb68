package org.rdump.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened during a run. Immutable values.
 *
 * @since 0.1
 */
public sealed interface RunEvent {

    /**
     * A step is about to perform.
     *
     * @param index the step's position in the plan, from 1
     * @param count the number of steps in the plan
     * @param phase the step's phase; never null
     * @param volume the volume's name; never null
     * @param description the step's one-line description; never null
     */
    record StepStarted(int index, int count, Phase phase, String volume, String description)
            implements RunEvent { }

    /**
     * A step performed successfully.
     *
     * @param phase the step's phase; never null
     * @param volume the volume's name; never null
     * @param description the step's one-line description; never null
     * @param elapsed how long it took; never null
     */
    record StepFinished(Phase phase, String volume, String description, Duration elapsed)
            implements RunEvent { }

    /**
     * A step failed; cleanup follows.
     *
     * @param phase the step's phase; never null
     * @param volume the volume's name; never null
     * @param description the step's one-line description; never null
     * @param message the error's message; never null
     */
    record StepFailed(Phase phase, String volume, String description, String message)
            implements RunEvent { }

    /**
     * A performed step is being cleaned up.
     *
     * @param volume the volume's name; never null
     * @param description the step's one-line description; never null
     */
    record CleanupStarted(String volume, String description) implements RunEvent { }

    /**
     * A cleanup failed; the other cleanups still run.
     *
     * @param volume the volume's name; never null
     * @param description the step's one-line description; never null
     * @param message the error's message, with what to do (the journal keeps the undo record); never null
     */
    record CleanupFailed(String volume, String description, String message) implements RunEvent { }

    /**
     * A dry run shows what it would run: a step, or one command of it.
     *
     * @param line the line shown ({@code $ argv...} shell-quoted for a command); never null
     * @param argv the command's argument vector; empty when the line is not a command
     * @param environment the names of the variables the command sets (never their values); empty
     *     when none or not a command
     * @since 0.1 (argv and environment since 0.5)
     */
    record DryRun(String line, java.util.List<String> argv, java.util.List<String> environment)
            implements RunEvent {
        /**
         * Checks the line and copies the lists.
         *
         * @param line the line shown ({@code $ argv...} shell-quoted for a command); never null
         * @param argv the command's argument vector; empty when the line is not a command
         * @param environment the names of the variables the command sets (never their values); empty when none or not a command
         * @throws NullPointerException if a component is null
         */
        public DryRun {
            Objects.requireNonNull(line, "line");
            argv = java.util.List.copyOf(argv);
            environment = java.util.List.copyOf(environment);
        }

        /**
         * A line that is not a command (a note of what a step would do).
         *
         * @param line the note; never null
         */
        public DryRun(String line) {
            this(line, java.util.List.of(), java.util.List.of());
        }
    }

    /**
     * Progress of a long activity (hashing, a borg archive, a zfs send).
     *
     * @param volume the volume's name (a replication job's name for a zfs send); never null
     * @param activity what is in progress, e.g. {@code hashing}; never null
     * @param done files done so far (0 when the activity does not count files)
     * @param total files in all, -1 when unknown
     * @param bytesDone bytes done so far
     * @param bytesTotal bytes in all, -1 when unknown
     * @param bytesPerSecond averaged rate
     * @param eta time left, -1 seconds when unknown; never null
     * @param percent the share done as the program itself reports it (rsync), 0..100; -1 when it
     *     reports none (then a share follows from the bytes, where their total is known)
     */
    record Progress(String volume, String activity, long done, long total, long bytesDone,
                    long bytesTotal, double bytesPerSecond, Duration eta, double percent) implements RunEvent {
        /**
         * Checks the components.
         *
         * @param volume the volume's name (a replication job's name for a zfs send); never null
         * @param activity what is in progress, e.g. {@code hashing}; never null
         * @param done files done so far (0 when the activity does not count files)
         * @param total files in all, -1 when unknown
         * @param bytesDone bytes done so far
         * @param bytesTotal bytes in all, -1 when unknown
         * @param bytesPerSecond averaged rate
         * @param eta time left, -1 seconds when unknown; never null
         * @param percent the share done as the program itself reports it (rsync), 0..100; -1 when it reports none (then a share follows from the bytes, where their total is known) /
         * @throws NullPointerException if {@code volume}, {@code activity} or {@code eta} is null
         */
        public Progress {
            Objects.requireNonNull(volume, "volume");
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(eta, "eta");
        }

        /**
         * Progress without a percentage of the program's own.
         *
         * @param volume the volume's name; never null
         * @param activity what is in progress; never null
         * @param done files done so far
         * @param total files in all, -1 when unknown
         * @param bytesDone bytes done so far
         * @param bytesTotal bytes in all, -1 when unknown
         * @param bytesPerSecond averaged rate
         * @param eta time left, -1 seconds when unknown; never null
         */
        public Progress(String volume, String activity, long done, long total, long bytesDone,
                        long bytesTotal, double bytesPerSecond, Duration eta) {
            this(volume, activity, done, total, bytesDone, bytesTotal, bytesPerSecond, eta, -1);
        }
    }

    /**
     * Something a user should read, but that does not fail the run (rsync exit 24, borg rc 1).
     *
     * @param volume the volume's name; empty for a warning about the whole run (an earlier run's journal)
     * @param message what happened and what to do about it; never null
     */
    record Warning(String volume, String message) implements RunEvent { }

    /**
     * A line of the run's report: what was snapshotted, hashed, copied, verified; with the same
     * facts as data, so that results and {@code --json} need not parse the sentence.
     *
     * @param volume the volume's name (a replication job's name for its transfers); never null
     * @param message the sentence for a person; never null
     * @param created what the step made that outlives the run; copied
     * @param files how many files the step copied, examined or hashed, -1 when it does not say
     * @param bytes how many bytes the step copied, examined or hashed, -1 when it does not say
     * @since 0.1 (created, files and bytes since 0.5)
     */
    record Report(String volume, String message, java.util.List<Artifact> created, long files, long bytes)
            implements RunEvent {
        /**
         * Checks the components and copies {@code created}.
         *
         * @param volume the volume's name (a replication job's name for its transfers); never null
         * @param message the sentence for a person; never null
         * @param created what the step made that outlives the run; copied
         * @param files how many files the step copied, examined or hashed, -1 when it does not say
         * @param bytes how many bytes the step copied, examined or hashed, -1 when it does not say
         * @throws NullPointerException if {@code volume}, {@code message} or {@code created} is null
         */
        public Report {
            Objects.requireNonNull(volume, "volume");
            Objects.requireNonNull(message, "message");
            created = java.util.List.copyOf(created);
        }

        /**
         * A sentence with no facts as data.
         *
         * @param volume the volume's name; never null
         * @param message the sentence; never null
         */
        public Report(String volume, String message) {
            this(volume, message, java.util.List.of(), -1, -1);
        }

        /**
         * A sentence about one artifact made, with no counts.
         *
         * @param volume the volume's name; never null
         * @param message the sentence; never null
         * @param created what the step made; never null
         */
        public Report(String volume, String message, Artifact created) {
            this(volume, message, java.util.List.of(created), -1, -1);
        }
    }
}
