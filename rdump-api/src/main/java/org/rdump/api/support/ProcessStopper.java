package org.rdump.api.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process tree politely: asks the process to stop with a signal (SIGINT for borg, which
 * then writes a checkpoint; SIGTERM for the rest), waits a grace period, then kills whatever of
 * the tree is left. Used when a run is interrupted and when recovery stops a killed run's
 * children. Thread-safe; keeps the caller's interrupt flag.
 *
 * @since 0.2
 */
public final class ProcessStopper {
    /** How long a program asked to stop with SIGTERM gets before it is killed. */
    public static final Duration TERM_GRACE = Duration.ofSeconds(10);
    /** How long borg, asked with SIGINT, gets to write its checkpoint. */
    public static final Duration INT_GRACE = Duration.ofSeconds(30);

    private ProcessStopper() {
    }

    /**
     * The grace period for a signal: {@link #INT_GRACE} for {@code INT}, else {@link #TERM_GRACE}.
     *
     * @param signal {@code INT} or {@code TERM}; never null
     * @return the grace period; never null
     */
    public static Duration graceFor(String signal) {
        return "INT".equals(signal) ? INT_GRACE : TERM_GRACE;
    }

    /**
     * The live process with this pid, if it is the one that started at {@code started} (a pid
     * reused by another process is never returned).
     *
     * @param pid the process id
     * @param started its start time as the kernel reported it when it started; never null
     * @return the process; never null, empty when it is gone or the pid was reused
     */
    public static Optional<ProcessHandle> find(long pid, Instant started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(started::equals).orElse(false));
    }

    /**
     * Sends {@code signal} ({@code INT} or {@code TERM}) to {@code process}, waits up to
     * {@code grace} for it to end, then kills it and every descendant still alive.
     *
     * @param process the process to stop; never null
     * @param signal {@code INT} or {@code TERM}; never null
     * @param grace how long to wait before killing; never null
     * @return true when it ended by itself within the grace period
     */
    public static boolean stop(ProcessHandle process, String signal, Duration grace) {
        boolean interrupted = Thread.interrupted();
        try {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            if (!process.isAlive()) {
                killAll(tree);
                return true;
            }
            boolean sent = "INT".equals(signal) ? sendInt(process.pid()) : process.destroy();
            boolean ended = sent && await(process, grace);
            tree.addAll(process.descendants().toList());
            if (!ended) {
                process.destroyForcibly();
                await(process, Duration.ofSeconds(5));
            }
            killAll(tree);
            return ended;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void killAll(List<ProcessHandle> tree) {
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean await(ProcessHandle p, Duration d) {
        try {
            p.onExit().get(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (ExecutionException e) {
            return !p.isAlive();
        }
    }

    /** The JDK sends only SIGTERM and SIGKILL; SIGINT goes through kill(1), an argument vector. */
    private static boolean sendInt(long pid) {
        try {
            Process k = new ProcessBuilder("kill", "-s", "INT", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return k.waitFor(5, TimeUnit.SECONDS) && k.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
