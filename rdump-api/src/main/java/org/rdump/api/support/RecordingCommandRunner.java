package org.rdump.api.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.RunningCommand;

/**
 * Records every command instead of running it, answering each with a scripted result (by
 * default exit 0 and no output). Used by {@code --dry-run} and by tests that pin exact argument
 * vectors. Thread-safe.
 *
 * @since 0.1
 */
public final class RecordingCommandRunner implements CommandRunner {
    private final List<Command> commands = new ArrayList<>();
    private final Function<Command, Reply> responder;

    /**
     * A scripted answer to a command. Immutable.
     *
     * @param exitCode the exit status the command reports
     * @param stdout its standard output; never null
     * @param stderr its standard error; never null
     */
    public record Reply(int exitCode, String stdout, String stderr) {
        /** Exit 0, no output. */
        public static final Reply OK = new Reply(0, "", "");

        /**
         * Checks the outputs.
         *
         * @param exitCode the exit status the command reports
         * @param stdout its standard output; never null
         * @param stderr its standard error; never null /
         * @throws NullPointerException if {@code stdout} or {@code stderr} is null
         */
        public Reply {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        /**
         * Exit 0 with this output (e.g. a fixture of {@code zfs list -H -p}).
         *
         * @param stdout the standard output; never null
         * @return the reply; never null
         */
        public static Reply ok(String stdout) {
            return new Reply(0, stdout, "");
        }

        /**
         * A failure; the recorder then throws {@link CommandFailedException} unless the command
         * accepts {@code code}.
         *
         * @param code the exit status
         * @param stderr the standard error; never null
         * @return the reply; never null
         */
        public static Reply fail(int code, String stderr) {
            return new Reply(code, "", stderr);
        }
    }

    /** Answers every command with exit 0 and no output. */
    public RecordingCommandRunner() {
        this(c -> Reply.OK);
    }

    /**
     * Answers each command with what {@code responder} returns.
     *
     * @param responder called once per command, from the calling thread; never null
     */
    public RecordingCommandRunner(Function<Command, Reply> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    @Override
    public synchronized CommandResult run(Command command, LineListener stdout, LineListener stderr) {
        commands.add(command);
        Reply r = responder.apply(command);
        r.stdout().lines().forEach(stdout::onLine);
        r.stderr().lines().forEach(stderr::onLine);
        CommandResult result = new CommandResult(command, r.exitCode(), r.stdout(), r.stderr(), Duration.ZERO);
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
        return result;
    }

    @Override
    public synchronized RunningCommand start(Command command) {
        commands.add(command);
        Reply r = responder.apply(command);
        return new RunningCommand() {
            @Override
            public InputStream stdout() {
                return new ByteArrayInputStream(r.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public OutputStream stdin() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public CommandResult await() {
                CommandResult result = new CommandResult(command, r.exitCode(), "", r.stderr(), Duration.ZERO);
                if (!result.succeeded()) {
                    throw new CommandFailedException(result);
                }
                return result;
            }

            @Override
            public void kill() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean executes() {
        return false;
    }

    /**
     * Every command recorded so far, in order.
     *
     * @return a copy of the commands; never null
     */
    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /**
     * The argument vectors recorded so far, in order, for tests that compare exact vectors.
     *
     * @return the vectors; never null
     */
    public synchronized List<List<String>> argvs() {
        return commands.stream().map(Command::argv).toList();
    }

    /** Forgets the commands recorded so far. */
    public synchronized void clear() {
        commands.clear();
    }
}
