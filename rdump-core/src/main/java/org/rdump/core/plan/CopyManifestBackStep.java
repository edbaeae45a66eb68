package org.rdump.core.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rdump.api.IntegrityStore;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * INTEGRITY: copies the manifest updated inside a snapshot back to the live volume, keeping its
 * times, mode and owner (what the original does with {@code cp -p}), so that the next run's
 * update starts from it. Done in Java through a temporary file and an atomic rename: the live
 * manifest is never half-written.
 */
final class CopyManifestBackStep implements Step {
    private final String volume;
    private final Path from;
    private final Path to;

    CopyManifestBackStep(String volume, Path tree, Path live) {
        this.volume = volume;
        this.from = tree.resolve(IntegrityStore.DEFAULT_MANIFEST);
        this.to = live.resolve(IntegrityStore.DEFAULT_MANIFEST);
    }

    @Override
    public Phase phase() {
        return Phase.INTEGRITY;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "copy " + from + " back to " + to + " (times and mode kept)";
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        Path tmp = to.resolveSibling("." + to.getFileName() + ".rdump-tmp");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try {
                Files.setOwner(tmp, Files.getOwner(from, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException | UnsupportedOperationException e) {
                // not root: the copy is owned by whoever runs rdump, as cp -p would leave it
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // report the first error
            }
            throw new RdumpException("cannot copy the manifest back to the live volume: " + e, e);
        }
    }
}
