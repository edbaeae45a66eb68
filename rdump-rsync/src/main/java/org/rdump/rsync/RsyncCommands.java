package org.rdump.rsync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdump.api.command.Command;

/**
 * Builds the rsync commands rdump runs. Pure: no I/O. Every command copies the contents of the
 * source ({@code SRC/.}) onto the contents of a destination directory ({@code DEST/.}),
 * preserving hard links, staying on one filesystem and deleting what the source no longer has;
 * it accepts the exit codes {@link RsyncExit} does not count as failures.
 */
final class RsyncCommands {
    private RsyncCommands() {
    }

    /**
     * {@code rsync -aHx -S --delete [-AX] --info=progress2 [-s -e SSH] EXTRA SRC/. [HOST:]DEST/<volume>/.}
     * ({@code -S}: a sparse file stays sparse in the copy).
     */
    static Command mirror(RsyncSettings s, Path source, Path volumeDir) {
        return copy(s, source, volumeDir, Optional.empty());
    }

    /**
     * The copy into a dated copy's partial directory, hard-linking files unchanged since
     * {@code previous} ({@code --link-dest=../<previous>}, relative to the partial directory).
     */
    static Command dated(RsyncSettings s, Path source, Path partialDir, Optional<String> previous) {
        return copy(s, source, partialDir, previous);
    }

    /**
     * A restore from a copy or mirror at {@code root} into {@code into}:
     * {@code rsync -aH [-AX] --numeric-ids -S ROOT/. INTO/.} for all of it, or
     * {@code rsync -aH [-AX] --numeric-ids -S --relative ROOT/./PATH... INTO/} for some paths (each
     * with its parent directories); never {@code --delete}, never {@code -x}-limited. {@code -S}
     * writes runs of zeros as holes, so a sparse file comes back sparse, as the copy holds it.
     */
    static Command restore(RsyncSettings s, Path root, List<String> paths, Path into) {
        return restore(s, new CopyStore.Local(), root, paths, into);
    }

    /**
     * A restore of all of a copy or mirror on the store's host into {@code into}: for a remote
     * store {@code rsync -aH [-AX] --numeric-ids -S -s -e SSH HOST:ROOT/. INTO/.}.
     */
    static Command fetch(RsyncSettings s, Path root, Path into) {
        return restore(s, s.store(), root, List.of(), into);
    }

    private static Command restore(RsyncSettings s, CopyStore from, Path root, List<String> paths, Path into) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-aH"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.add("--numeric-ids");
        argv.add("-S");
        argv.addAll(from.rsyncOptions());
        if (paths.isEmpty()) {
            argv.add(from.operand(root) + "/.");
            argv.add(into + "/.");
        } else {
            argv.add("--relative");
            paths.forEach(p -> argv.add(root + "/./" + p));
            argv.add(into + "/");
        }
        return Command.of(argv);
    }

    private static Command copy(RsyncSettings s, Path source, Path dest, Optional<String> linkDest) {
        List<String> argv = new ArrayList<>();
        argv.add(s.program());
        argv.add("-aHx");
        argv.add("-S");
        argv.add("--delete");
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.add("--info=progress2");
        argv.addAll(s.store().rsyncOptions());
        linkDest.ifPresent(p -> argv.add("--link-dest=../" + p));
        argv.addAll(s.extraArgs());
        argv.add(source + "/.");
        argv.add(s.store().operand(dest) + "/.");
        return Command.of(argv).accepting(RsyncExit.accepted(s.tolerateErrors()).toArray(Integer[]::new));
    }
}
