package org.rdump.core.hook;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.Secrets;
import org.rdump.api.support.Programs;
import org.rdump.core.run.FinishingStep;
import org.rdump.core.run.StepRunner;
import org.slf4j.Logger;

/**
 * One command of a {@code hooks:} list, as the step that runs it sees it: its argument vector and
 * the environment rdump gives it ({@code RDUMP_HOOK}, {@code RDUMP_VOLUME}, {@code RDUMP_STATUS},
 * ...; see the README's "Hooks and dumps"). Its standard output and standard error go to the log
 * ({@code rdump.hook}, {@code rdump.command}), never to rdump's standard output. Immutable.
 *
 * @param volume the volume, or {@link StepRunner#RUN} for the run's own hooks
 * @param hook {@code before_backup}, {@code after_backup} or {@code on_error}
 * @param argv the command
 * @param settings the {@code hooks:} mapping it comes from (timeout, env)
 * @param configFile the configuration file; its directory is the working directory
 * @param volumes the run's selected volumes
 */
record HookCommand(String volume, String hook, List<String> argv, HookSettings settings, Path configFile,
                   List<String> volumes) {
    HookCommand {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(hook, "hook");
        argv = List.copyOf(argv);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(configFile, "configFile");
        volumes = List.copyOf(volumes);
    }

    boolean ofRun() {
        return StepRunner.RUN.equals(volume);
    }

    String describe() {
        return "run the " + (ofRun() ? "run's " : "") + hook + " hook " + Command.of(argv).display();
    }

    /** The command with rdump's environment for {@code status}. */
    Command command(String stamp, String status, FinishingStep.Outcome outcome) {
        Command c = Command.of(argv).withTimeout(settings.timeout())
                .withWorkingDirectory(configFile.getParent());
        for (var e : settings.environment().entrySet()) {
            c = c.withEnv(e.getKey(), e.getValue());
        }
        c = c.withEnv("RDUMP_HOOK", hook).withEnv("RDUMP_STAMP", stamp)
                .withEnv("RDUMP_VOLUMES", String.join(" ", volumes))
                .withEnv("RDUMP_CONFIG", configFile.toString())
                .withEnv("RDUMP_STATUS", status)
                .withEnv("RDUMP_ERROR", outcome.error() == null ? "" : Objects.requireNonNull(Secrets.redact(outcome.error())))
                .withEnv("RDUMP_FAILED_PHASE", outcome.failedPhase() == null ? ""
                        : outcome.failedPhase().name().toLowerCase(Locale.ROOT))
                .withEnv("RDUMP_FAILED_VOLUMES", String.join(" ", outcome.failedVolumes()));
        return ofRun() ? c : c.withEnv("RDUMP_VOLUME", volume);
    }

    /** {@code ARGV failed (exit 3)}, {@code ARGV timed out after 2s (SETTING)...}, {@code ARGV could not be started}. */
    static String failure(List<String> argv, CommandFailedException e, java.time.Duration timeout, String setting) {
        String cmd = Command.of(argv).display();
        if (e.timedOut()) {
            return cmd + " timed out after " + org.rdump.core.status.Durations.format(timeout) + " (" + setting
                    + "), and its process tree was killed";
        }
        return cmd + (e.exitCode() < 0 ? " could not be started" : " failed (exit " + e.exitCode() + ")");
    }

    /** The last lines of a failed command's standard error, as the tail of a message; empty when none. */
    static String stderr(CommandFailedException e) {
        String tail = e.stderrTail();
        return tail.isBlank() ? "" : "; its standard error:\n  " + tail.replace("\n", "\n  ");
    }

    /** Whether the program can be found (the runner's PATH, or its path). */
    List<PreflightProblem> preflight(RunContext context) {
        return Programs.check(volume, argv.get(0), "install it, or fix the " + hook + " hook in '"
                + (ofRun() ? "" : "volume " + volume + "'s ") + "hooks:'", context.queryRunner()).stream().toList();
    }

    /**
     * Runs the command with {@code status}, its output logged line by line.
     *
     * @throws RdumpException saying which hook failed, how, and what that means for the run
     */
    void run(RunContext context, String status, FinishingStep.Outcome outcome, String consequence) {
        Command c = command(context.runStamp(), status, outcome);
        Logger log = context.logger("rdump.hook");
        String who = ofRun() ? "run" : volume;
        CommandResult r;
        try {
            r = context.runner().run(c, line -> log.info("{} {}: {}", who, hook, Secrets.redact(line)),
                    LineListener.NONE);
        } catch (CommandFailedException e) {
            throw new RdumpException((ofRun() ? "the run's " : "volume '" + volume + "': the ") + hook + " hook "
                    + failure(argv, e, settings.timeout(), "hooks: timeout") + consequence + stderr(e), e);
        }
        if (context.dryRun()) {
            return;
        }
        context.listener().onEvent(new RunEvent.Report(ofRun() ? StepRunner.RUN : volume, String.format(Locale.ROOT,
                "%s hook %s exited %d in %.1f s", hook, Command.of(argv).display(), r.exitCode(),
                r.elapsed().toNanos() / 1e9)));
    }
}
