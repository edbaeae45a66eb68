package org.rdump.zfs.replicate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.rdump.api.RdumpException;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.RunListener;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.RunningCommand;

/**
 * Runs {@code zfs send | zfs receive} as two processes started through a {@link CommandRunner},
 * copying the stream in Java so that progress can be measured. If either side fails, the other
 * is killed and the failure reported with that side's command and standard error (the sender's
 * failure first, since it explains the receiver's). Thread-safe: each call is independent.
 *
 * @since 0.1
 */
public final class ZfsPipe {
    private static final int BUFFER = 256 * 1024;
    private final Duration reportInterval;

    public ZfsPipe(Duration reportInterval) {
        this.reportInterval = reportInterval;
    }

    /**
     * Copies the stream and waits for both ends.
     *
     * @param estimate the expected stream size, or -1
     * @return the bytes copied
     * @throws CommandFailedException when either program failed
     * @throws RunInterruptedException when the thread was interrupted (both are killed)
     */
    public long run(CommandRunner runner, Command send, Command receive, String volume, String activity,
                    long estimate, RunListener listener) {
        RunningCommand sender = runner.start(send);
        RunningCommand receiver;
        try {
            receiver = runner.start(receive);
        } catch (RuntimeException e) {
            sender.kill();
            throw e;
        }
        TransferMeter meter = new TransferMeter(volume, activity, estimate, System.nanoTime(), reportInterval);
        IOException writeFailure = null;
        try (sender; receiver) {
            byte[] buf = new byte[BUFFER];
            InputStream in = sender.stdout();
            OutputStream out = receiver.stdin();
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new RunInterruptedException("interrupted while running " + send + " | " + receive);
                    }
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        writeFailure = e;
                        break;
                    }
                    meter.add(n, System.nanoTime()).ifPresent(listener::onEvent);
                }
            } catch (IOException e) {
                sender.kill();
                receiver.kill();
                throw new RdumpException("reading the stream of " + send + " failed: " + e.getMessage(), e);
            }
            try {
                out.close();
            } catch (IOException e) {
                writeFailure = writeFailure == null ? e : writeFailure;
            }
            if (writeFailure != null) {
                // the receiver went away: stop the sender and report the receiver's own error
                sender.kill();
                receiver.await();
                throw new RdumpException(receive + " stopped reading the stream (" + writeFailure.getMessage() + ")");
            }
            try {
                sender.await();
            } catch (RuntimeException e) {
                receiver.kill();
                throw e;
            }
            receiver.await();
        }
        listener.onEvent(meter.progress(System.nanoTime()));
        return meter.bytes();
    }
}
