package org.rdump.api.command;

/**
 * Runs external programs. Every program rdump or a plugin runs goes through one of these, so
 * that dry runs, sudo, ssh and tests work by wrapping: local, sudo, ssh and a recording runner
 * are in core.
 *
 * <p>Contract: never runs a shell; never logs environment values; a timeout kills the whole
 * process tree. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface CommandRunner {

    /**
     * Runs a program to its end, capturing its output.
     *
     * @param command the program to run; never null
     * @return the result, whose exit code the command accepts
     * @throws CommandFailedException when the exit code is not accepted, the timeout passed, or
     *     the program could not be started
     * @throws org.rdump.api.RunInterruptedException when the calling thread is interrupted (the
     *     process tree is killed first)
     */
    default CommandResult run(Command command) {
        return run(command, LineListener.NONE, LineListener.NONE);
    }

    /**
     * Runs a program, handing each output line to the listeners as it arrives, and capturing it
     * too (for progress from {@code rsync --info=progress2} or {@code borg --log-json}).
     *
     * @param command the program to run; never null
     * @param stdout receives each line of standard output; never null
     * @param stderr receives each line of standard error; never null
     * @return the result, whose exit code the command accepts
     * @throws CommandFailedException when the exit code is not accepted, the timeout passed, or
     *     the program could not be started
     * @throws org.rdump.api.RunInterruptedException when the calling thread is interrupted
     */
    CommandResult run(Command command, LineListener stdout, LineListener stderr);

    /**
     * Starts a program whose stdin and stdout the caller drives (see {@link RunningCommand}).
     *
     * @param command the program to start; never null
     * @return the running program; the caller closes it
     * @throws CommandFailedException when the program could not be started
     */
    RunningCommand start(Command command);

    /**
     * This runner, telling {@code tracker} about every child process it starts. Runners that start
     * no local process (recorders) return themselves; wrapping runners pass it to the runner they
     * wrap.
     *
     * @param tracker told about each child process; never null
     * @return a runner that tells {@code tracker}; never null
     * @since 0.2
     */
    default CommandRunner tracking(ProcessTracker tracker) {
        return this;
    }

    /**
     * Where this runner looks up programs named without a {@code /}: directories separated by
     * {@code :}, as in {@code PATH}. Empty when it cannot tell (a recorder, a runner on another
     * host); pre-flight checks then do not look for programs. Default empty.
     *
     * @return never null, possibly empty
     * @since 0.2
     */
    default java.util.Optional<String> searchPath() {
        return java.util.Optional.empty();
    }

    /**
     * Whether this runner really runs programs.
     *
     * @return false for a dry run's recorder, true otherwise
     */
    default boolean executes() {
        return true;
    }
}
