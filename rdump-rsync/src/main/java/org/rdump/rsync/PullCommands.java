package org.rdump.rsync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.command.Command;

/**
 * Builds the commands of a pull. Pure: no I/O.
 *
 * <p>The pull is {@code rsync -aHx -S --numeric-ids --delete [-AX] --info=progress2 -s -e SSH
 * [--rsync-path=CMD] --temp-dir=STAGING/2sure.pull-tmp --exclude=/2sure.* EXTRA HOST:SRC/. STAGING/.}:
 * {@code -s} carries the remote path inside rsync's protocol (no remote shell reads it), the
 * partial files of an interrupted transfer go to one directory rdump can delete, and the
 * staging's own {@code 2sure.*} files (manifest, its backup, the markers) are neither deleted
 * nor overwritten (a {@code 2sure.*} at the remote tree's root is not pulled).
 */
final class PullCommands {
    /** The directory in the staging where rsync keeps the files it is receiving. */
    static final String TEMP_DIR = "2sure.pull-tmp";
    /** The file in the staging that says a pull started and has not completed. */
    static final String INCOMPLETE = "2sure.pull-incomplete";
    /** What rsync must neither pull nor delete: the staging's own files. */
    static final String OWN_FILES = "/2sure.*";

    private PullCommands() {
    }

    static Path tempDir(PullSettings s) {
        return s.staging().resolve(TEMP_DIR);
    }

    static Path incompleteMarker(PullSettings s) {
        return s.staging().resolve(INCOMPLETE);
    }

    /** The pull; accepts exit 0 and 24 (files vanished on the sender). */
    static Command pull(PullSettings s) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-aHx", "-S", "--numeric-ids", "--delete"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.add("--info=progress2");
        argv.addAll(List.of("-s", "-e", org.rdump.api.support.SshQuoting.rsyncShell(s.ssh().argv())));
        s.rsyncPath().ifPresent(p -> argv.add("--rsync-path=" + p));
        argv.add("--temp-dir=" + tempDir(s));
        argv.add("--exclude=" + OWN_FILES);
        argv.addAll(s.extraArgs());
        argv.add(s.ssh().host() + ":" + s.src() + "/.");
        argv.add(s.staging() + "/.");
        return Command.of(argv).accepting(RsyncExit.accepted(false).toArray(Integer[]::new));
    }

    /** {@code ssh ... -- HOST 'test -d SRC'}: exit 0 when the remote tree is a directory, 255 when ssh failed. */
    static Command probe(PullSettings s) {
        return new SshStore(s.ssh()).remote("test", "-d", s.src().toString()).accepting(0, 1, 255);
    }
}
