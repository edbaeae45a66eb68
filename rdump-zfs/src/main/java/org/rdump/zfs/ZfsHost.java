package org.rdump.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.rdump.api.command.Command;

/**
 * Where zfs commands run: on this machine, or on another host through {@code ssh}. Immutable.
 *
 * <p>{@link #wrap} is pure. For a remote host the argument vector becomes
 * {@code ssh -o BatchMode=yes -- HOST 'zfs' 'list' ...}: ssh hands the remote shell one string,
 * so every word is quoted for a POSIX shell ({@link Command#quote}) and a dataset name with
 * spaces or quotes arrives as one argument.
 *
 * @since 0.1
 */
public sealed interface ZfsHost {

    /** The argument vector that runs {@code argv} on this host; never null. */
    List<String> wrap(List<String> argv);

    /** A short name for messages: {@code local} or the host name. */
    String display();

    /** This machine. */
    static ZfsHost local() {
        return new Local();
    }

    /** A remote host reached with {@code ssh} (keys and {@code ~/.ssh/config} as usual). */
    static ZfsHost ssh(String host) {
        return new Ssh(host);
    }

    /** The host named in a configuration ({@code host:} key): local when empty or absent. */
    static ZfsHost of(String host) {
        return host.isBlank() || host.equals("localhost") ? local() : ssh(host);
    }

    /** This machine: the argument vector is unchanged. */
    record Local() implements ZfsHost {
        @Override
        public List<String> wrap(List<String> argv) {
            return List.copyOf(argv);
        }

        @Override
        public String display() {
            return "local";
        }
    }

    /**
     * A remote host.
     *
     * @param host a host name or {@code user@host}; never blank, never starting with {@code -}
     */
    record Ssh(String host) implements ZfsHost {
        public Ssh {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || host.startsWith("-") || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("host must be a host name without spaces, not starting"
                        + " with '-': '" + host + "'");
            }
        }

        @Override
        public List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "--", host));
            out.add(argv.stream().map(Command::quote).collect(Collectors.joining(" ")));
            return List.copyOf(out);
        }

        @Override
        public String display() {
            return host;
        }
    }
}
