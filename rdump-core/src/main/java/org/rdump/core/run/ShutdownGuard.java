package org.rdump.core.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT/SIGTERM into an interrupt of the thread running a plan, and holds the JVM's exit
 * until that thread has run its cleanups (up to a limit), so that ^C never leaves a snapshot
 * mounted. The JVM then exits with 130 (SIGINT) or 143 (SIGTERM).
 */
public final class ShutdownGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.run");
    private final Thread worker;
    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * @param maxCleanupWait how long the exit waits for cleanups
     */
    public ShutdownGuard(Duration maxCleanupWait) {
        this.worker = Thread.currentThread();
        this.hook = new Thread(() -> {
            LOG.warn("signal received: stopping and cleaning up");
            worker.interrupt();
            try {
                if (!done.await(maxCleanupWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("cleanups did not finish within " + maxCleanupWait
                            + "; check for leftover snapshots and mounts");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rdump-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Marks the run (cleanups included) as finished and removes the hook. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and now sees the latch
        }
    }
}
