package org.rdump.api.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.ProcessTracker;
import org.rdump.api.command.RunningCommand;
import org.rdump.api.command.Secrets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs programs on this machine with {@link ProcessBuilder}: an argument vector, never a shell.
 * Captures stdout and stderr (handing lines to listeners as they come), writes each stderr line
 * to the {@code rdump.command} logger, and on a timeout or an interrupt kills the whole process
 * tree. Thread-safe and stateless.
 *
 * <p>Programs named without a {@code /} are looked up in the JVM's own {@code PATH} (the JDK
 * ignores a {@code PATH} given in the child's environment), unless a search path is given to
 * {@link #LocalCommandRunner(String)}.
 *
 * <p>Lives in the API module so that plugin authors can run their real-program tests without
 * depending on core.
 *
 * @since 0.1
 */
public final class LocalCommandRunner implements CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.command");
    private static final File DEV_NULL = new File("/dev/null");
    private final @Nullable String searchPath;
    private final @Nullable ProcessTracker tracker;

    /** Looks programs up in the JVM's {@code PATH}. */
    public LocalCommandRunner() {
        this.searchPath = null;
        this.tracker = null;
    }

    private LocalCommandRunner(@Nullable String searchPath, @Nullable ProcessTracker tracker) {
        this.searchPath = searchPath;
        this.tracker = tracker;
    }

    /**
     * Looks programs named without a {@code /} up in {@code searchPath} instead of the JVM's
     * {@code PATH}, and gives every child that {@code PATH}. For stand-in programs in tests, and
     * for a {@code PATH} that lacks {@code /usr/sbin} (cron). A program not found there is
     * started by its bare name, which then fails as "could not be started".
     *
     * @param searchPath directories separated by {@code :}, e.g. {@code /tmp/bin:/usr/bin}; never
     *     null
     * @since 0.1
     */
    public LocalCommandRunner(String searchPath) {
        this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
        this.tracker = null;
    }

    /** The search path given to {@link #LocalCommandRunner(String)}, else the JVM's {@code PATH}. */
    @Override
    public java.util.Optional<String> searchPath() {
        if (searchPath != null) {
            return java.util.Optional.of(searchPath);
        }
        String path = System.getenv("PATH");
        return java.util.Optional.of(path == null ? "" : path);
    }

    @Override
    public CommandRunner tracking(ProcessTracker processTracker) {
        return new LocalCommandRunner(searchPath, Objects.requireNonNull(processTracker, "processTracker"));
    }

    @Override
    public CommandResult run(Command command, LineListener stdout, LineListener stderr) {
        long start = System.nanoTime();
        Process process = startProcess(command, command.stdin() == null);
        Runnable ended = track(process, command);
        try {
            return await(command, process, stdout, stderr, start);
        } finally {
            ended.run();
        }
    }

    private CommandResult await(Command command, Process process, LineListener stdout, LineListener stderr,
                                long start) {
        Pump out = new Pump(process.getInputStream(), stdout, false, command.program());
        Pump err = new Pump(process.getErrorStream(), stderr, true, command.program());
        out.start();
        err.start();
        Thread feeder = null;
        byte[] input = command.stdin();
        if (input != null) {
            feeder = new Thread(() -> {
                try (OutputStream os = process.getOutputStream()) {
                    os.write(input);
                } catch (IOException e) {
                    // The program closed its stdin early; its exit code tells the story.
                }
            }, "rdump-stdin-" + command.program());
            feeder.setDaemon(true);
            feeder.start();
        }
        int code;
        try {
            code = waitFor(process, command.timeout());
            if (code == Integer.MIN_VALUE) {
                // stopped first: a child of it may hold its output open, and the pumps would wait for that child
                stopTree(process, command);
                err.join(TimeUnit.SECONDS.toMillis(5));
                throw CommandFailedException.timedOut(command.toString(), command.timeout(), err.text());
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            stopTree(process, command);
            Thread.currentThread().interrupt();
            throw new RunInterruptedException("interrupted while running " + command);
        }
        CommandResult result = new CommandResult(command, code, out.text(), err.text(),
                Duration.ofNanos(System.nanoTime() - start));
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
        return result;
    }

    @Override
    public RunningCommand start(Command command) {
        Process process = startProcess(command, false);
        Runnable tracked = track(process, command);
        Runnable ended = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (!done && !process.isAlive()) {
                    done = true;
                    tracked.run();
                }
            }
        };
        Pump err = new Pump(process.getErrorStream(), LineListener.NONE, true, command.program());
        err.start();
        long start = System.nanoTime();
        return new RunningCommand() {
            @Override
            public InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public OutputStream stdin() {
                return process.getOutputStream();
            }

            @Override
            public CommandResult await() {
                int code;
                try {
                    code = waitFor(process, command.timeout());
                    err.join();
                } catch (InterruptedException e) {
                    stopTree(process, command);
                    ended.run();
                    Thread.currentThread().interrupt();
                    throw new RunInterruptedException("interrupted while running " + command);
                }
                if (code == Integer.MIN_VALUE) {
                    stopTree(process, command);
                    ended.run();
                    throw CommandFailedException.timedOut(command.toString(), command.timeout(), err.text());
                }
                ended.run();
                CommandResult result = new CommandResult(command, code, "", err.text(),
                        Duration.ofNanos(System.nanoTime() - start));
                if (!result.succeeded()) {
                    throw new CommandFailedException(result);
                }
                return result;
            }

            @Override
            public void kill() {
                killTree(process);
                ended.run();
            }

            @Override
            public void close() {
                if (process.isAlive()) {
                    killTree(process);
                }
                ended.run();
            }
        };
    }

    private Process startProcess(Command command, boolean stdinFromNull) {
        List<String> argv = new ArrayList<>(command.argv());
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (searchPath != null) {
            argv.set(0, resolve(command.program(), searchPath));
            pb.environment().put("PATH", searchPath);
        }
        command.environment().forEach((k, v) -> pb.environment().put(k, v.reveal()));
        if (command.workingDirectory() != null) {
            pb.directory(command.workingDirectory().toFile());
        }
        if (stdinFromNull) {
            pb.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        try {
            LOG.debug("run: {}", command);
            return pb.start();
        } catch (IOException e) {
            throw new CommandFailedException(command.toString(), -1, String.valueOf(e.getMessage()),
                    "check that '" + command.program() + "' is installed and on PATH");
        }
    }

    /** The first executable {@code program} in {@code searchPath}, or {@code program} itself. */
    private static String resolve(String program, String searchPath) {
        return Programs.find(program, searchPath).map(Path::toString).orElse(program);
    }

    /** Waits; returns the exit code, or Integer.MIN_VALUE when the timeout passed. */
    private static int waitFor(Process process, Duration timeout) throws InterruptedException {
        if (timeout.isZero() || timeout.isNegative()) {
            return process.waitFor();
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Integer.MIN_VALUE;
        }
        return process.exitValue();
    }

    /** Tells the tracker (if any) about a started process; returns what to call once it ended. */
    private Runnable track(Process process, Command command) {
        if (tracker == null) {
            return () -> { };
        }
        try {
            return tracker.started(process.toHandle(), command);
        } catch (RuntimeException e) {
            // Without a journal record the child could outlive a killed run unnoticed: do not let it run.
            killTree(process);
            throw e;
        }
    }

    /** Asks the process to stop with the command's signal, then kills what is left of its tree. */
    private static void stopTree(Process process, Command command) {
        ProcessStopper.stop(process.toHandle(), command.stopSignal(), ProcessStopper.graceFor(command.stopSignal()));
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills a process and all its descendants, children first. */
    static void killTree(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one stream to its end on its own thread, splitting lines for a listener. */
    private static final class Pump extends Thread {
        private final InputStream in;
        private final LineListener listener;
        private final boolean isStderr;
        private final String program;
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        Pump(InputStream in, LineListener listener, boolean isStderr, String program) {
            super("rdump-" + (isStderr ? "stderr-" : "stdout-") + program);
            setDaemon(true);
            this.in = in;
            this.listener = listener;
            this.isStderr = isStderr;
            this.program = program;
        }

        @Override
        public void run() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (all) {
                        all.write(buf, 0, n);
                    }
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        // progress meters end their lines with \r
                        if (b == '\n' || b == '\r') {
                            emit(line);
                        } else {
                            line.write(b);
                        }
                    }
                }
                emit(line);
            } catch (IOException e) {
                if (!"Stream closed".equals(e.getMessage())) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private void emit(ByteArrayOutputStream line) {
            if (line.size() == 0) {
                return;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (isStderr) {
                // masked here, not only by the CLI's formatter: an application's own backend gets it too
                LOG.info("{}: {}", program, Secrets.redact(s));
            }
            try {
                listener.onLine(s);
            } catch (RuntimeException e) {
                LOG.warn("output listener failed on a line of " + program, e);
            }
        }

        String text() {
            synchronized (all) {
                return all.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
