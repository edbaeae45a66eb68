package org.rdump.core.guard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * PREPARE, first of a volume with {@code mountpoint: true}: fails the volume unless its
 * {@code mount} is a mount point, before its hooks run and before a dump, the stamp or a manifest
 * is written into it (an unmounted
 * {@code /boot} is a directory of the root file system). Reads only; in a dry run it describes.
 * Nothing to clean up.
 */
public final class MountPointGuardStep implements Step {
    private final VolumeGuards guards;
    private final Path mount;

    public MountPointGuardStep(VolumeGuards guards, Path mount) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.mount = Objects.requireNonNull(mount, "mount");
    }

    @Override
    public Phase phase() {
        return Phase.PREPARE;
    }

    @Override
    public String volume() {
        return guards.volume();
    }

    @Override
    public String describe() {
        return "check that " + mount + " is a mount point (mountpoint: true)";
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        String problem = notMounted(mount).orElse(null);
        if (problem == null) {
            return;
        }
        throw guards.fail(context, "volume '" + guards.volume() + "': " + problem + "; nothing was written to it,"
                + " backed up or pruned", -1, -1);
    }

    /**
     * Why {@code mount} is not a mount point, or empty when it is; for {@code mountpoint: true}
     * volumes (a backup, an in-place restore).
     */
    public static java.util.Optional<String> notMounted(Path mount) {
        try {
            if (MountPoints.isMountPoint(mount)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(mount + " is not a mount point (mountpoint: true); mount it, or set"
                    + " mountpoint: false if the volume is meant to be a directory of its parent's file system");
        } catch (IOException e) {
            return java.util.Optional.of(mount + " cannot be examined (" + e.getMessage() + ") and so is not a"
                    + " mount point (mountpoint: true); mount it, or fix 'mount' in the config");
        }
    }
}
