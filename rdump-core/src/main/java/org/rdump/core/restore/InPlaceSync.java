package org.rdump.core.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rdump.api.command.Command;

/**
 * The rsync commands that carry a checked, staged restore into the live tree: {@code rsync -aHAX
 * --numeric-ids -S -c} (owners by number, hard links, ACLs, xattrs, devices and FIFOs, sparse
 * files kept sparse, contents compared by checksum rather than size and time), the staging
 * directory and the live volume's manifest files ({@code /2sure.*}) excluded, {@code --delete}
 * only when asked; for some paths {@code --relative --no-implied-dirs STAGE/./PATH...}, so that
 * only those paths are written (and, with {@code --delete}, pruned) and their parents' times and
 * modes stay as they are. Immutable.
 *
 * @param stage the staged, checked restore; never null
 * @param live the live tree; never null
 * @param paths the restored paths, relative; empty for the whole tree
 * @param delete whether entries not in the backup are deleted
 */
record InPlaceSync(Path stage, Path live, List<String> paths, boolean delete) {
    /** The live manifest's own files: never replaced or deleted by an in-place restore. */
    static final String MANIFEST_FILES = "/2sure.*";

    InPlaceSync {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(live, "live");
        paths = List.copyOf(paths);
    }

    /** The same transfer with {@code --dry-run}, printing one itemized line per change. */
    Command preview() {
        List<String> argv = new ArrayList<>(List.of("rsync", "--dry-run", "--out-format=%i %n"));
        argv.addAll(arguments());
        return Command.of(argv);
    }

    /** The transfer itself. */
    Command apply() {
        List<String> argv = new ArrayList<>(List.of("rsync"));
        argv.addAll(arguments());
        return Command.of(argv);
    }

    private List<String> arguments() {
        List<String> argv = new ArrayList<>(List.of("-aHAX", "--numeric-ids", "-S", "-c"));
        if (delete) {
            argv.add("--delete");
        }
        Path under = live.relativize(stage);
        if (!under.isAbsolute() && !under.startsWith("..")) {
            argv.add("--exclude=/" + under); // the staging directory inside the live tree
        }
        argv.add("--exclude=" + MANIFEST_FILES);
        if (paths.isEmpty()) {
            argv.add(stage + "/.");
            argv.add(live + "/.");
        } else {
            argv.add("--relative");
            argv.add("--no-implied-dirs");
            for (String p : paths) {
                argv.add(stage + "/./" + p);
            }
            argv.add(live + "/");
        }
        return argv;
    }
}
