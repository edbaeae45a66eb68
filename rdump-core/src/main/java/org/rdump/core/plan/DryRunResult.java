package org.rdump.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * What a dry run showed, as data: the pre-flight problems, each step and each cleanup that would
 * run something, with the exact commands, and the error that stopped the dry run if any.
 * {@link #lines()} renders it as {@code rdump backup --dry-run} prints it; {@code --json}
 * serialises the same record. Immutable.
 *
 * @param preflight what would make the run fail (it does not stop a dry run); copied
 * @param entries the steps, then the cleanups that run something, in order; copied
 * @param stopped why the dry run stopped early; null when it went through
 * @since 0.5
 */
public record DryRunResult(List<PreflightProblem> preflight, List<Entry> entries, @Nullable String stopped) {
    /**
     * Checks the components and copies the collections.
     *
     * @param preflight what would make the run fail (it does not stop a dry run); copied
     * @param entries the steps, then the cleanups that run something, in order; copied
     * @param stopped why the dry run stopped early; null when it went through
     * @throws NullPointerException if a required component is null
     */
    public DryRunResult {
        preflight = List.copyOf(preflight);
        entries = List.copyOf(entries);
    }

    /**
     * Whether the dry run went through every step.
     *
     * @return true when {@code stopped} is null
     */
    public boolean complete() {
        return stopped == null;
    }

    /**
     * The dry run as text, one line per step, cleanup, command and note.
     *
     * @return the lines {@code rdump backup --dry-run} prints; never null
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        preflight.forEach(p -> out.add("warning: pre-flight: " + p));
        for (Entry e : entries) {
            out.add(e.cleanup() ? "cleanup [" + e.volume() + "] " + e.description()
                    : String.format("%2d. %s [%s] %s", e.index(), e.phase().name().toLowerCase(Locale.ROOT),
                    e.volume(), e.description()));
            e.actions().forEach(a -> out.add(a.line()));
        }
        if (stopped != null) {
            out.add("dry run stopped: " + stopped);
        }
        return out;
    }

    /**
     * A step, or the cleanup of one, with what it would run. Immutable.
     *
     * @param cleanup true for a step's cleanup (shown only when it runs something)
     * @param index the step's place in the plan, from 1
     * @param phase the step's phase; never null
     * @param volume never null
     * @param description the step's description; never null
     * @param actions the commands and notes, in order; copied
     */
    public record Entry(boolean cleanup, int index, Phase phase, String volume, String description,
                        List<Action> actions) {
        /**
         * Checks the components and copies the collections.
         *
         * @param cleanup true for a step's cleanup (shown only when it runs something)
         * @param index the step's place in the plan, from 1
         * @param phase the step's phase; never null
         * @param volume never null
         * @param description the step's description; never null
         * @param actions the commands and notes, in order; copied /
         * @throws NullPointerException if a required component is null
         */
        public Entry {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(volume, "volume");
            Objects.requireNonNull(description, "description");
            actions = List.copyOf(actions);
        }
    }

    /**
     * One command a step would run, or a note of work it would do in Java. Immutable.
     *
     * @param line as shown; never null
     * @param argv the argument vector; empty for a note
     * @param environment the names of the variables the command sets; never values
     */
    public record Action(String line, List<String> argv, List<String> environment) {
        /**
         * Checks the components and copies the collections.
         *
         * @param line as shown; never null
         * @param argv the argument vector; empty for a note
         * @param environment the names of the variables the command sets; never values /
         * @throws NullPointerException if a required component is null
         */
        public Action {
            Objects.requireNonNull(line, "line");
            argv = List.copyOf(argv);
            environment = List.copyOf(environment);
        }

        /**
         * Whether this is a command, not a note.
         *
         * @return true when {@code argv} is not empty
         */
        public boolean command() {
            return !argv.isEmpty();
        }
    }

    /** Builds a dry run's result from its events. Thread-safe. */
    public static final class Recorder {
        private final List<Step> steps;
        private final List<Entry> entries = new ArrayList<>();
        private @Nullable Entry open;
        private final List<Action> actions = new ArrayList<>();

        /**
         * A recorder for one dry run.
         *
         * @param steps the plan's steps (cleanups are matched to them); never null
         */
        public Recorder(List<Step> steps) {
            this.steps = List.copyOf(steps);
        }

        /**
         * Takes one event of the dry run.
         *
         * @param e the event; never null
         */
        public synchronized void onEvent(RunEvent e) {
            if (e instanceof RunEvent.StepStarted s) {
                close();
                open = new Entry(false, s.index(), s.phase(), s.volume(), s.description(), List.of());
            } else if (e instanceof RunEvent.CleanupStarted c) {
                close();
                int i = indexOf(c.volume(), c.description());
                open = new Entry(true, i + 1, i < 0 ? Phase.TIMESTAMP : steps.get(i).phase(), c.volume(),
                        c.description(), List.of());
            } else if (e instanceof RunEvent.DryRun d && open != null) {
                actions.add(new Action(d.line(), d.argv(), d.environment()));
            }
        }

        /**
         * The result, once the dry run is over.
         *
         * @param preflight what the pre-flight check found; never null
         * @param stopped why the dry run stopped early, or null
         * @return the result; never null
         */
        public synchronized DryRunResult result(List<PreflightProblem> preflight, @Nullable String stopped) {
            close();
            return new DryRunResult(preflight, entries, stopped);
        }

        private void close() {
            // a cleanup is shown only when it runs something
            if (open != null && (!open.cleanup() || !actions.isEmpty())) {
                entries.add(new Entry(open.cleanup(), open.index(), open.phase(), open.volume(), open.description(),
                        actions));
            }
            open = null;
            actions.clear();
        }

        private int indexOf(String volume, String description) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (steps.get(i).volume().equals(volume) && steps.get(i).describe().equals(description)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
