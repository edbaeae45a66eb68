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

    /**
     * The dry run listing what {@code source} has that the full copy does not (and what it lacks):
     * {@code rsync -n -aHx --delete [-AX] -i --out-format=... EXTRA SRC/. FULL/.} under
     * {@code LC_ALL=C}, read by {@link ItemizedChanges#parse}.
     */
    static Command changes(RsyncSettings s, Path source, Path full) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-n", "-aHx", "--delete"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.add("-i");
        argv.add("--out-format=" + ItemizedChanges.OUT_FORMAT);
        argv.addAll(s.extraArgs());
        argv.add(source + "/.");
        argv.add(full + "/.");
        return Command.of(argv).withEnv("LC_ALL", "C")
                .accepting(RsyncExit.accepted(s.tolerateErrors()).toArray(Integer[]::new));
    }

    /**
     * The regular files of {@code source} with more than one link, as {@code DEV:INODE PATH\0}
     * records written to {@code out} (GNU find {@code -fprintf}, so names stay raw bytes).
     */
    static Command hardLinks(Path source, Path out) {
        return Command.of("find", source + "/.", "-xdev", "-type", "f", "-links", "+1", "-fprintf", out.toString(),
                "%D:%i %P\\0");
    }

    /**
     * The copy of the listed paths only: {@code rsync -aHx -S [-AX] --info=progress2 --from0
     * --files-from=LIST EXTRA SRC/. TREE/.} (no {@code -r}: a listed directory comes without its
     * contents).
     */
    static Command listed(RsyncSettings s, Path source, Path list, Path tree) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-aHx", "-S"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.add("--info=progress2");
        argv.add("--from0");
        argv.add("--files-from=" + list);
        argv.addAll(s.extraArgs());
        argv.add(source + "/.");
        argv.add(tree + "/.");
        return Command.of(argv).accepting(RsyncExit.accepted(s.tolerateErrors()).toArray(Integer[]::new));
    }

    /**
     * Lays a differential tree over a restored full copy: {@code rsync -aH [-AX] --numeric-ids -S
     * --force TREE/. INTO/.} (no {@code --delete}: deletions are applied apart).
     */
    static Command overlay(RsyncSettings s, Path tree, Path into) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-aH"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.addAll(List.of("--numeric-ids", "-S", "--force", tree + "/.", into + "/."));
        return Command.of(argv);
    }

    /** Deletes the NUL-separated relative paths on stdin under {@code dir}: {@code xargs -0 -r rm -rf --}. */
    static Command deleteListed(Path dir, byte[] nulList) {
        return Command.of("xargs", "-0", "-r", "rm", "-rf", "--").withWorkingDirectory(dir).withStdin(nulList);
    }

    /**
     * Gives the differential tree's root directory the source root's attributes, and copies
     * nothing else: {@code rsync -aH [-AX] -d --no-r --exclude=* SRC/. TREE/.} (a filter never
     * excludes the transfer's root).
     */
    static Command rootAttributes(RsyncSettings s, Path source, Path tree) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-aH"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        argv.addAll(List.of("-d", "--no-r", "--exclude=*", source + "/.", tree + "/."));
        return Command.of(argv);
    }

    /**
     * Batch mode: writes the changes that would bring {@code reference} to {@code source} into
     * {@code batch}, leaving the reference as it is: {@code rsync -aHx -S --delete [-AX]
     * --info=progress2 --only-write-batch=BATCH EXTRA SRC/. REFERENCE/.}.
     */
    static Command writeBatch(RsyncSettings s, Path source, Path reference, Path batch) {
        List<String> argv = new ArrayList<>(batchOptions(s));
        argv.add("--info=progress2");
        argv.add("--only-write-batch=" + batch);
        argv.addAll(s.extraArgs());
        argv.add(source + "/.");
        argv.add(reference + "/.");
        return Command.of(argv).accepting(RsyncExit.accepted(s.tolerateErrors()).toArray(Integer[]::new));
    }

    /** Applies a batch written by {@link #writeBatch} to {@code into}: {@code rsync --read-batch=BATCH -aHx -S --delete [-AX] INTO/.}. */
    static Command readBatch(RsyncSettings s, Path batch, Path into) {
        List<String> argv = new ArrayList<>(batchOptions(s));
        argv.add(1, "--read-batch=" + batch);
        argv.add(into + "/.");
        return Command.of(argv);
    }

    private static List<String> batchOptions(RsyncSettings s) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "-aHx", "-S", "--delete"));
        if (s.aclsXattrs()) {
            argv.add("-AX");
        }
        return argv;
    }
}
