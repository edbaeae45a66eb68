package org.rdump.core.guard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * Fails the volume when the tree to be backed up (snapshot mount, clone, or the live mount of a
 * simple volume) holds nothing but rdump's own files ({@code snapstamp} and its temporary,
 * {@code 2sure.*}): an unmounted file system looks like that, and backing it up, or worse,
 * letting retention delete the copies that still hold the files, must not happen. Placed first
 * among the volume's INTEGRITY steps (before a manifest is written) or, for a volume without a
 * manifest, first among its BACKUP steps. Reads only; in a dry run it describes (the tree may not
 * be mounted yet). Nothing to clean up.
 */
public final class EmptyTreeGuardStep implements Step {
    private final VolumeGuards guards;
    private final Path tree;
    private final Phase phase;

    public EmptyTreeGuardStep(VolumeGuards guards, Path tree, Phase phase) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.tree = Objects.requireNonNull(tree, "tree");
        this.phase = Objects.requireNonNull(phase, "phase");
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public String volume() {
        return guards.volume();
    }

    @Override
    public String describe() {
        return "check that " + tree + " is not empty";
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        String found;
        try {
            if (!Files.isDirectory(tree)) {
                found = tree + " is missing or not a directory";
            } else if (hasOwnEntries(tree)) {
                return;
            } else {
                found = tree + " is empty (nothing but rdump's own snapstamp and 2sure.* files), as an unmounted"
                        + " file system looks";
            }
        } catch (IOException e) {
            found = tree + " cannot be listed (" + e.getMessage() + ")";
        }
        throw guards.fail(context, "volume '" + guards.volume() + "': " + found + "; nothing was backed up and no"
                + " backup was pruned; mount it (or check 'mount' and the snapshot settings) and run again", -1, -1);
    }

    /** Whether {@code dir} holds an entry that is not one of rdump's own. */
    static boolean hasOwnEntries(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!isRdumpFile(p.getFileName().toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** rdump's own files at a tree's root: the stamp, its temporary, the manifest and its companions. */
    static boolean isRdumpFile(String name) {
        return name.equals("snapstamp") || name.equals(".snapstamp.tmp") || name.startsWith("2sure.");
    }
}
