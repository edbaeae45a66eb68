package org.rdump.rsync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;

/**
 * How rdump reaches a remote rsync destination: {@code [user@]host} and the ssh command line
 * built from the {@code ssh:} settings. Immutable; {@link #argv()} is pure.
 *
 * <p>The ssh command is {@code ssh -o BatchMode=yes [-p PORT] [-i FILE] [-o OPTION]...}: never a
 * password prompt, and host keys checked as ssh checks them (the user's {@code known_hosts}, or
 * one named with {@code -o UserKnownHostsFile=...}); options that would turn that checking off
 * or run a local shell command are refused. Every word may hold spaces and quotes: it reaches
 * ssh whole both when rdump runs ssh itself and through rsync's {@code -e}
 * ({@link org.rdump.api.support.SshQuoting#rsyncShell}); control characters are refused.
 *
 * @param host {@code [user@]host}, never starting with {@code -}, no spaces, colons or slashes
 * @param port the ssh port, or 0 for ssh's default (or the one in {@code ~/.ssh/config})
 * @param identityFile the private key, or null for ssh's defaults
 * @param options {@code Name=value} options for {@code ssh -o}
 */
record SshAccess(String host, int port, @Nullable Path identityFile, List<String> options) {
    static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.optional("port", Type.INTEGER, null, "The ssh port (default: ssh's, or ~/.ssh/config's)."),
            Key.optional("identity_file", Type.PATH, null, "The private key (ssh -i); its passphrase, if any, must"
                    + " come from ssh-agent: rdump runs ssh with BatchMode=yes."),
            Key.optional("options", Type.STRING_LIST, null, "More ssh options as Name=value (ssh -o), e.g."
                    + " [UserKnownHostsFile=/etc/rdump/known_hosts]; host key checking cannot be turned off here."));

    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9._-]+@)?[A-Za-z0-9._-]+");
    private static final Pattern OPTION = Pattern.compile("([A-Za-z]+)=(.+)", Pattern.DOTALL);
    /** Options that run a local command, or that rdump sets itself. */
    private static final Set<String> REFUSED = Set.of("proxycommand", "localcommand", "permitlocalcommand",
            "knownhostscommand", "batchmode");

    SshAccess {
        Objects.requireNonNull(host, "host");
        if (!HOST.matcher(host).matches() || host.startsWith("-") || host.contains("@-")) {
            throw new IllegalArgumentException("host must be [user@]host, not '" + host + "'");
        }
        options = List.copyOf(options);
    }

    /** The ssh program and its options, before the host. */
    List<String> argv() {
        List<String> out = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes"));
        if (port != 0) {
            out.addAll(List.of("-p", Integer.toString(port)));
        }
        if (identityFile != null) {
            out.addAll(List.of("-i", identityFile.toString()));
        }
        for (String o : options) {
            out.addAll(List.of("-o", o));
        }
        return List.copyOf(out);
    }

    /**
     * Reads {@code host} (from {@code dest}) and the optional {@code ssh:} object; each bad value
     * is a {@link ConfigException} naming its key.
     */
    static SshAccess from(String host, String destWhere, Settings tool) {
        if (!HOST.matcher(host).matches() || host.startsWith("-")) {
            throw new ConfigException(destWhere, "the host '" + host + "' of the remote destination is not"
                    + " [user@]host (letters, digits, '.', '_', '-'; for an IPv6 address or anything else, define a"
                    + " Host alias in ~/.ssh/config and give that)");
        }
        Settings ssh = tool.child("ssh").orElse(Settings.of(java.util.Map.of()));
        long port = ssh.number("port", 0);
        if (ssh.has("port") && (port < 1 || port > 65535)) {
            throw new ConfigException(ssh.locate("port"), "expected a port from 1 to 65535, found " + port);
        }
        Path identity = ssh.optionalString("identity_file").map(Path::of).orElse(null);
        if (identity != null) {
            noControl(identity.toString(), ssh.locate("identity_file"), "the identity file");
        }
        List<String> options = ssh.strings("options");
        for (String o : options) {
            checkOption(o, ssh.locate("options"));
        }
        return new SshAccess(host, (int) port, identity, options);
    }

    private static void checkOption(String o, String where) {
        noControl(o, where, "the ssh option");
        var m = OPTION.matcher(o);
        if (!m.matches()) {
            throw new ConfigException(where, "the ssh option '" + o + "' is not Name=value (as ssh -o takes it,"
                    + " e.g. UserKnownHostsFile=/etc/rdump/known_hosts)");
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2).strip().toLowerCase(Locale.ROOT);
        if (REFUSED.contains(name)) {
            throw new ConfigException(where, "the ssh option '" + o + "' is not accepted: " + (name.equals("batchmode")
                    ? "rdump always runs ssh with BatchMode=yes (no prompts); use keys or ssh-agent"
                    : "it runs a local shell command; use ProxyJump, or put it in ~/.ssh/config"));
        }
        if (name.equals("stricthostkeychecking") && (value.equals("no") || value.equals("off"))
                || name.equals("userknownhostsfile") && (value.equals("/dev/null") || value.equals("none"))) {
            throw new ConfigException(where, "the ssh option '" + o + "' turns host key checking off, which rdump"
                    + " does not do: add the host's key to known_hosts (ssh-keyscan HOST, checked against the host)"
                    + " or name a known_hosts file with UserKnownHostsFile=PATH");
        }
    }

    private static void noControl(String s, String where, String what) {
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(where, what + " '" + s.replaceAll("\\p{Cntrl}", "?")
                    + "' holds a control character (a newline, tab, ...), which rdump does not pass to ssh");
        }
    }
}
