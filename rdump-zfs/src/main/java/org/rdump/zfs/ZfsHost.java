package org.rdump.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rdump.api.support.SshQuoting;

/**
 * Where zfs commands run: on this machine, or on another host through {@code ssh}. Immutable.
 *
 * <p>{@link #wrap} is pure. For a remote host the argument vector becomes
 * {@code ssh -o BatchMode=yes -- HOST 'zfs' 'list' ...} (or the configured ssh program and
 * options before {@code --}): ssh hands the remote shell one string, so every word is quoted
 * once for a POSIX shell ({@link SshQuoting#remoteCommand}) and a dataset name with spaces or quotes
 * arrives as one argument.
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

    /** A remote host reached with {@code ssh -o BatchMode=yes} (keys and {@code ~/.ssh/config} as usual). */
    static ZfsHost ssh(String host) {
        return new Ssh(host, Ssh.DEFAULT_SSH);
    }

    /** The host named in a configuration ({@code host:} key): local when empty or absent. */
    static ZfsHost of(String host) {
        return of(host, List.of());
    }

    /**
     * The host named in a configuration, reached with {@code ssh} (the {@code ssh:} key: the
     * program and its options; empty for {@link Ssh#DEFAULT_SSH}).
     */
    static ZfsHost of(String host, List<String> ssh) {
        return host.isBlank() || host.equals("localhost") ? local()
                : new Ssh(host, ssh.isEmpty() ? Ssh.DEFAULT_SSH : ssh);
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
     * @param ssh the ssh program and its options, before {@code -- HOST}; never empty
     */
    record Ssh(String host, List<String> ssh) implements ZfsHost {
        /** {@code ssh -o BatchMode=yes}: never a password prompt. */
        public static final List<String> DEFAULT_SSH = List.of("ssh", "-o", "BatchMode=yes");

        public Ssh {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || host.startsWith("-") || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("host must be a host name without spaces, not starting"
                        + " with '-': '" + host + "'");
            }
            ssh = List.copyOf(ssh);
            if (ssh.isEmpty() || ssh.get(0).isBlank()) {
                throw new IllegalArgumentException("the ssh command must name a program, found " + ssh);
            }
        }

        @Override
        public List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(ssh);
            out.addAll(List.of("--", host));
            out.add(SshQuoting.remoteCommand(argv));
            return List.copyOf(out);
        }

        /**
         * The ssh command as one {@code rsync -e} value: rsync splits it into words itself, so each
         * word is put in single quotes with a quote inside doubled, as rsync's own splitter reads it
         * (not a shell: nothing else is special; {@link SshQuoting#rsyncShell}). Pure.
         */
        public String rsyncShell() {
            return SshQuoting.rsyncShell(ssh);
        }

        @Override
        public String display() {
            return host;
        }
    }
}
