package org.rdump.core.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that may have changed something, newest on top. Unwinding cleans up each one exactly
 * once, newest first; a cleanup that throws is reported and the rest still run. Used from one
 * thread.
 */
final class CleanupStack {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.run");
    private final Deque<Step> stack = new ArrayDeque<>();

    /** Called before a step performs: a perform that throws half way still gets its cleanup. */
    void push(Step step) {
        stack.push(step);
    }

    int size() {
        return stack.size();
    }

    /**
     * Cleans up every pushed step, newest first, and empties the stack.
     *
     * @return the cleanup failures, in the order they happened
     */
    List<RuntimeException> unwind(RunContext context) {
        // Cleanups run on a thread of their own that nothing interrupts: a second SIGINT or SIGTERM
        // arriving while they run (the guard interrupts the run's thread) must not kill an umount
        // half way and leave the snapshot under it. The run's thread waits for them, keeping its
        // interrupt for afterwards.
        List<RuntimeException> failures = new ArrayList<>();
        boolean[] interruptedWhileWaiting = {false};
        Thread t = new Thread(() -> failures.addAll(unwindHere(context)), "rdump-cleanup");
        t.start();
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interruptedWhileWaiting[0] = true;
            }
        }
        if (interruptedWhileWaiting[0]) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }

    private List<RuntimeException> unwindHere(RunContext context) {
        List<RuntimeException> failures = new ArrayList<>();
        // (On the cleanup thread; kept from the first design, where cleanups ran on the run's thread.)
        boolean interrupted = Thread.interrupted();
        try {
            while (!stack.isEmpty()) {
                Step step = stack.pop();
                context.listener().onEvent(new RunEvent.CleanupStarted(step.volume(), step.describe()));
                try {
                    step.cleanup(context);
                } catch (RuntimeException e) {
                    String msg = e instanceof RdumpException ? e.getMessage() : e.toString();
                    if (e instanceof RdumpException) {
                        LOG.error("cleanup of '" + step.describe() + "' failed: " + msg);
                    } else {
                        LOG.error("cleanup of '" + step.describe() + "' failed", e);
                    }
                    context.listener().onEvent(new RunEvent.CleanupFailed(step.volume(), step.describe(),
                            String.valueOf(msg)));
                    failures.add(e);
                } finally {
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return failures;
    }
}
