package org.rdump.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.SshQuoting;

/**
 * Runs commands on another host through {@code ssh HOST}, for remote ZFS. ssh joins its
 * arguments with spaces and hands them to the remote user's shell, so the argument vector is
 * quoted here, once, word by word ({@link SshQuoting#remoteCommand}); every argument then reaches the remote
 * program exactly as given, spaces, quotes and {@code $(...)} included.
 *
 * <p>Environment additions are refused: over ssh they would have to go into the command line,
 * where secrets do not belong. A working directory becomes a quoted {@code cd DIR &&} prefix.
 */
public final class SshCommandRunner extends WrappingCommandRunner {
    private final String host;
    private final List<String> sshArgv;

    /**
     * @param host {@code [user@]host}, never null
     * @param local runs the ssh program itself
     */
    public SshCommandRunner(String host, CommandRunner local) {
        this(host, local, List.of("ssh", "-o", "BatchMode=yes"));
    }

    /** @param sshArgv the ssh program and its options, before the host */
    public SshCommandRunner(String host, CommandRunner local, List<String> sshArgv) {
        super(local);
        this.host = Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.startsWith("-")) {
            throw new IllegalArgumentException("host must be a host name, not '" + host + "'");
        }
        this.sshArgv = List.copyOf(sshArgv);
    }

    /** The local command that runs {@code command} on the host (pure; for tests and dry runs). */
    public Command wrap(Command command) {
        if (!command.environment().isEmpty()) {
            throw new RdumpException("cannot pass environment " + command.environment().keySet() + " over ssh to "
                    + host + " without putting it on a command line; set it in the remote user's environment");
        }
        String remote = SshQuoting.remoteCommand(command.argv());
        if (command.workingDirectory() != null) {
            remote = "cd " + Command.quote(command.workingDirectory().toString()) + " && " + remote;
        }
        List<String> argv = new ArrayList<>(sshArgv);
        argv.add(host);
        argv.add("--");
        argv.add(remote);
        return command.withArgv(argv).withWorkingDirectory(null);
    }

    public String host() {
        return host;
    }

    @Override
    Command wrapped(Command command) {
        return wrap(command);
    }
}
