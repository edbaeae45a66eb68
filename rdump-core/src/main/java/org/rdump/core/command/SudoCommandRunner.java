package org.rdump.core.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as root through {@code sudo -n}, for an unprivileged rdump. As the original
 * rdump does, it keeps the sudo timestamp alive during a long run ({@code sudo -n -v} every
 * {@code keepAlive}) so that a backup that takes hours is not stopped by a password prompt half
 * way. It never prompts: {@link #start()} checks that sudo works without a password (after a
 * {@code sudo -v} by the user, or a NOPASSWD rule) and says what to do otherwise.
 *
 * <p>Environment additions are passed with {@code --preserve-env=NAMES} (names only on the
 * command line; the values travel in sudo's own environment).
 */
public final class SudoCommandRunner extends WrappingCommandRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.sudo");
    private final Duration keepAlive;
    private ScheduledExecutorService timer;

    public SudoCommandRunner(CommandRunner local, Duration keepAlive) {
        super(local);
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
    }

    /**
     * Checks that sudo runs without a password and starts the keep-alive.
     *
     * @throws RdumpException saying how to fix it when sudo asks for a password
     */
    public synchronized void start() {
        try {
            inner().run(Command.of("sudo", "-n", "-v"));
        } catch (CommandFailedException e) {
            throw new RdumpException("sudo needs a password and rdump never prompts: run 'sudo -v' just before"
                    + " rdump, add a NOPASSWD rule for the backup commands, or run rdump as root", e);
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rdump-sudo-keepalive");
                t.setDaemon(true);
                return t;
            });
            long ms = keepAlive.toMillis();
            timer.scheduleAtFixedRate(this::refresh, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        try {
            inner().run(Command.of("sudo", "-n", "-v"));
        } catch (RuntimeException e) {
            LOG.warn("could not refresh the sudo timestamp: " + e.getMessage());
        }
    }

    /** The command that runs {@code command} through sudo (pure). */
    public static Command wrap(Command command) {
        List<String> argv = new ArrayList<>(List.of("sudo", "-n"));
        if (!command.environment().isEmpty()) {
            argv.add("--preserve-env=" + String.join(",", command.environment().keySet()));
        }
        argv.add("--");
        argv.addAll(command.argv());
        return command.withArgv(argv);
    }

    @Override
    Command wrapped(Command command) {
        return wrap(command);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
