package org.rdump.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * TIMESTAMP: writes the run's stamp to {@code snapstamp} at the live volume's root, as the
 * original rdump does, so that every backup holds the time it was taken. Written to a temporary
 * file and renamed, so a crash never leaves it half-written.
 */
final class StampStep implements Step {
    static final String FILE = "snapstamp";
    private final String volume;
    private final Path mount;

    StampStep(String volume, Path mount) {
        this.volume = volume;
        this.mount = mount;
    }

    @Override
    public Phase phase() {
        return Phase.TIMESTAMP;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "write the run stamp to " + mount.resolve(FILE);
    }

    /** The volume's mount point is a directory the stamp can be written to. */
    @Override
    public java.util.List<PreflightProblem> preflight(RunContext context) {
        if (!Files.isDirectory(mount)) {
            return java.util.List.of(new PreflightProblem(volume, "mount point " + mount + " is not a directory"
                    + " (missing or not mounted); check 'mount' of volume '" + volume + "'"));
        }
        if (!Files.isWritable(mount)) {
            return java.util.List.of(new PreflightProblem(volume, "mount point " + mount + " is not writable, so"
                    + " the run stamp cannot be written to " + mount.resolve(FILE) + "; mount it read-write"));
        }
        return java.util.List.of();
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        Path target = mount.resolve(FILE);
        Path tmp = mount.resolve("." + FILE + ".tmp");
        if (!Files.isDirectory(mount)) {
            throw new RdumpException("volume '" + volume + "': mount point " + mount + (Files.exists(mount)
                    ? " is not a directory" : " does not exist") + " (missing or not mounted), so the run stamp"
                    + " cannot be written; mount it, or fix 'mount' of volume '" + volume + "'");
        }
        try {
            Files.writeString(tmp, context.runStamp() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new RdumpException("cannot write " + target + ": " + e + "; check that '" + mount
                    + "' is the mounted volume and writable", e);
        }
        context.listener().onEvent(new RunEvent.Report(volume, "stamp " + context.runStamp() + " written to " + target));
    }
}
