package org.rdump.rsync;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;

/**
 * One {@code pull:} volume's configuration: the remote tree and the local staging mirror it is
 * pulled into. Immutable.
 *
 * @param ssh the remote host and how to reach it
 * @param src the remote tree, an absolute path on that host
 * @param staging the local mirror, an absolute path kept between runs
 * @param rsyncPath the remote rsync command ({@code --rsync-path}), or empty for rsync's default
 * @param aclsXattrs whether ACLs and extended attributes are pulled ({@code -AX})
 * @param extraArgs more rsync options, placed before the source and destination
 * @param program the local rsync program
 */
record PullSettings(SshAccess ssh, Path src, Path staging, Optional<String> rsyncPath, boolean aclsXattrs,
                    List<String> extraArgs, String program) {

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("src", Type.STRING, "The remote tree to back up, [user@]host:/absolute/path (rsync there)."),
            Key.required("staging", Type.PATH, "Local directory the remote tree is pulled into and kept"
                    + " between runs (a relative path resolves against the config file's directory) (the next pull only transfers changes); the manifest and the backups are made"
                    + " from it. One staging per volume."),
            Key.object("ssh", false, "How to reach the host (ssh -o BatchMode=yes, host keys checked against"
                    + " known_hosts).", SshAccess.SCHEMA),
            Key.optional("rsync_path", Type.STRING, null, "The rsync command on the remote host (rsync"
                    + " --rsync-path), run by the remote shell, e.g. \"sudo rsync\" to read every file there."),
            Key.optional("acls_xattrs", Type.BOOLEAN, "true",
                    "Pull ACLs and extended attributes (rsync -AX); the staging filesystem must support them."),
            Key.optional("extra_args", Type.STRING_LIST, null,
                    "More rsync options for the pull, e.g. [--exclude=/var/cache/*]; placed before the source."),
            Key.optional("program", Type.PATH, "rsync", "The local rsync program to run."));

    PullSettings {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(staging, "staging");
        Objects.requireNonNull(rsyncPath, "rsyncPath");
        extraArgs = List.copyOf(extraArgs);
        Objects.requireNonNull(program, "program");
    }

    /** {@code [user@]host:/path} for messages. */
    String source() {
        return ssh.host() + ":" + src;
    }

    /** Reads and checks a volume's settings; each bad value is a {@link ConfigException} at its position. */
    static PullSettings from(Settings s) {
        String srcText = s.string("src");
        int colon = srcText.indexOf(':');
        if (colon <= 0 || srcText.substring(0, colon).contains("/")) {
            throw new ConfigException(s.locate("src"), "src '" + printable(srcText) + "' is not a remote tree:"
                    + " give [user@]host:/absolute/path (for a local tree use the simple: section)");
        }
        String path = srcText.substring(colon + 1);
        if (!path.startsWith("/")) {
            throw new ConfigException(s.locate("src"), "src '" + printable(srcText) + "' needs an absolute path"
                    + " after the ':' (host:/srv), not one relative to the remote home");
        }
        noControl(path, s.locate("src"), "the remote path");
        SshAccess ssh = SshAccess.from(srcText.substring(0, colon), s.locate("src"), s);
        String stagingText = s.string("staging");
        Path staging = Path.of(stagingText);
        if (!staging.isAbsolute()) {
            throw new ConfigException(s.locate("staging"), "staging '" + printable(stagingText) + "' must be an"
                    + " absolute path (e.g. /srv/rdump/pull/" + "NAME), not relative to wherever rdump runs");
        }
        staging = staging.normalize();
        if (staging.getNameCount() == 0) {
            throw new ConfigException(s.locate("staging"), "staging must not be / (the pull deletes what the remote"
                    + " tree does not have); give a directory of its own, e.g. /srv/rdump/pull/NAME");
        }
        noControl(staging.toString(), s.locate("staging"), "the staging path");
        Optional<String> rsyncPath = s.optionalString("rsync_path");
        if (rsyncPath.isPresent()) {
            if (rsyncPath.get().isBlank()) {
                throw new ConfigException(s.locate("rsync_path"), "rsync_path is empty; remove it for the remote"
                        + " rsync on PATH, or give a command such as \"sudo rsync\"");
            }
            noControl(rsyncPath.get(), s.locate("rsync_path"), "rsync_path");
        }
        List<String> extra = s.strings("extra_args");
        for (String a : extra) {
            if (a.equals("--delete-excluded") || a.startsWith("--temp-dir") || a.equals("-T")) {
                throw new ConfigException(s.locate("extra_args"), "extra_args must not hold '" + a + "': rdump sets"
                        + " the temporary directory itself and excludes the staging's own 2sure.* files (the"
                        + " manifest), which --delete-excluded would delete; remove it");
            }
        }
        return new PullSettings(ssh, Path.of(path).normalize(), staging, rsyncPath, s.bool("acls_xattrs", true),
                extra, s.string("program", "rsync"));
    }

    /** Checks {@code rsync_path} of a tool or volume; shared with {@link RsyncSettings}. */
    static void noControl(String s, String where, String what) {
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(where, what + " '" + printable(s) + "' holds a control character (a newline,"
                    + " tab, ...), which rdump does not pass to the remote host");
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
