package org.rdump.rsync;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;

/**
 * The configuration of one rsync tool instance, read from its {@link Settings}. Immutable.
 *
 * @param store the host holding the copies: this machine, or one reached over ssh
 * @param dest the directory (on that host) holding one subdirectory per volume
 * @param mode mirror or dated copies
 * @param keep how many complete dated copies (batch mode: chains) {@code prune} keeps (at least 1)
 * @param aclsXattrs whether to copy ACLs and extended attributes ({@code -AX})
 * @param tolerateErrors whether rsync's partial-transfer exits (23, 25) are warnings
 * @param extraArgs more rsync options, placed before the source and destination
 * @param program the rsync program to run
 * @param fullEvery differential and batch modes: a full copy every this many runs (at least 1)
 */
record RsyncSettings(CopyStore store, Path dest, Mode mode, int keep, boolean aclsXattrs, boolean tolerateErrors,
                     List<String> extraArgs, String program, int fullEvery) {

    /** How copies are kept. */
    enum Mode { MIRROR, VERSIONED, DIFFERENTIAL, BATCH }

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("dest", Type.PATH,
                    "Directory that holds one mirror or one set of dated copies per volume: a local path, or"
                            + " [user@]host:/absolute/path on a host reached over ssh (rsync and GNU find there)."),
            Key.object("ssh", false, "How to reach a remote dest (ssh -o BatchMode=yes, host keys checked against"
                    + " known_hosts); only with a remote dest.", SshAccess.SCHEMA),
            Key.choice("mode", false, "mirror",
                    "mirror: one copy per volume, updated in place; versioned: a dated copy per run,"
                            + " unchanged files hard-linked to the previous copy; differential: a full dated copy"
                            + " every full_every runs, and in between a copy of only what changed since that full"
                            + " copy (local dest only); batch: a full copy, then per run an rsync batch file"
                            + " (--only-write-batch, with its SHA-256) against a reference mirror, for offline media"
                            + " (local dest only; a new full copy every full_every runs).", "mirror", "versioned", "differential", "batch"),
            Key.optional("full_every", Type.INTEGER, "7",
                    "differential and batch modes: a full copy every this many runs (1: every run is full); the"
                            + " runs in between copy what changed since the last full copy (differential) or write"
                            + " a batch against the previous run (batch)."),
            Key.optional("keep", Type.INTEGER, "7",
                    "versioned and differential modes: how many complete copies pruning keeps (the newest; in"
                    + " differential mode full and differential copies count alike, and a full copy a kept"
                    + " differential one needs is kept too); batch mode: how many chains (a full copy and"
                    + " its batches) pruning keeps, the newest always among them."),
            Key.optional("keep_verified", Type.BOOLEAN, "true",
                    "Versioned, differential and batch modes (batch: the whole chain holding it): never delete the newest copy proven restorable by a full test restore (rdump"
                    + " verify, or rdump restore of the whole copy; per the ledger), even when older than keep; if the"
                    + " ledger cannot be read, prune nothing."),
            Key.optional("acls_xattrs", Type.BOOLEAN, "true",
                    "Copy ACLs and extended attributes (rsync -AX); the destination filesystem must support them."),
            Key.optional("tolerate_errors", Type.BOOLEAN, "false",
                    "Treat rsync's partial-transfer exits (23: some files could not be copied, 25: --max-delete"
                            + " stopped deletions) as warnings instead of failures."),
            Key.optional("extra_args", Type.STRING_LIST, null,
                    "More rsync options, e.g. [--exclude=/tmp/*]; placed before the source and destination."),
            Key.optional("program", Type.PATH, "rsync", "The rsync program to run."),
            Key.optional("rsync_path", Type.STRING, null, "Remote dest only: the rsync command on the remote host"
                    + " (rsync --rsync-path), run by the remote shell, e.g. \"sudo rsync\"."));

    RsyncSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(mode, "mode");
        extraArgs = List.copyOf(extraArgs);
        Objects.requireNonNull(program, "program");
    }

    /** Reads and checks the settings; a bad value is a {@link ConfigException} naming the key. */
    static RsyncSettings from(Settings s) {
        String destText = s.string("dest");
        CopyStore store = new CopyStore.Local();
        Path dest;
        int colon = destText.indexOf(':');
        if (colon > 0 && !destText.substring(0, colon).contains("/")) {
            String path = destText.substring(colon + 1);
            if (!path.startsWith("/")) {
                throw new ConfigException(s.locate("dest"), "the remote destination '" + destText + "' needs an"
                        + " absolute path after the ':' (host:/srv/backups), not one relative to the remote home");
            }
            java.util.Optional<String> rsyncPath = s.optionalString("rsync_path");
            if (rsyncPath.isPresent()) {
                if (rsyncPath.get().isBlank()) {
                    throw new ConfigException(s.locate("rsync_path"), "rsync_path is empty; remove it for the"
                            + " remote rsync on PATH, or give a command such as \"sudo rsync\"");
                }
                PullSettings.noControl(rsyncPath.get(), s.locate("rsync_path"), "rsync_path");
            }
            store = new SshStore(SshAccess.from(destText.substring(0, colon), s.locate("dest"), s), rsyncPath);
            dest = Path.of(path).normalize();
        } else {
            if (s.has("ssh")) {
                throw new ConfigException(s.locate("ssh"), "'ssh' is for a remote dest ([user@]host:/path), and dest '"
                        + destText + "' is local; remove 'ssh' or give a remote dest");
            }
            if (s.has("rsync_path")) {
                throw new ConfigException(s.locate("rsync_path"), "'rsync_path' is the rsync command on a remote"
                        + " dest's host, and dest '" + destText + "' is local; remove it, or set program: for the"
                        + " local rsync");
            }
            dest = Path.of(destText).toAbsolutePath().normalize();
        }
        String modeText = s.string("mode", "mirror");
        Mode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
            case "mirror" -> Mode.MIRROR;
            case "versioned" -> Mode.VERSIONED;
            case "differential" -> Mode.DIFFERENTIAL;
            case "batch" -> Mode.BATCH;
            default -> throw new ConfigException(s.locate("mode"),
                    "expected mirror, versioned, differential or batch, found '" + modeText + "'");
        };
        if ((mode == Mode.DIFFERENTIAL || mode == Mode.BATCH) && !(store instanceof CopyStore.Local)) {
            throw new ConfigException(s.locate("dest"), "mode: " + modeText + " needs a local dest (a path on this"
                    + " machine), not '" + destText + "'; use mode: versioned for a remote dest, or mount it here");
        }
        long fullEvery = s.number("full_every", 7);
        if (fullEvery < 1 || fullEvery > 100_000) {
            throw new ConfigException(s.locate("full_every"), "expected a number of runs from 1 up, found "
                    + fullEvery);
        }
        if (s.has("full_every") && mode != Mode.DIFFERENTIAL && mode != Mode.BATCH) {
            throw new ConfigException(s.locate("full_every"), "'full_every' is for mode: differential or batch, and"
                    + " mode is " + modeText + "; remove 'full_every' or set mode: differential or batch");
        }
        long keep = s.number("keep", 7);
        if (keep < 1 || keep > 100_000) {
            throw new ConfigException(s.locate("keep"), "expected a number of copies from 1 up, found " + keep);
        }
        return new RsyncSettings(store, dest, mode, (int) keep,
                s.bool("acls_xattrs", true), s.bool("tolerate_errors", false), s.strings("extra_args"),
                s.string("program", "rsync"), (int) fullEvery);
    }
}
