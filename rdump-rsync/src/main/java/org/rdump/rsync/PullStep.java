package org.rdump.rsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.LineListener;
import org.rdump.api.support.AtomicFiles;
import org.rdump.api.support.Programs;

/**
 * The SNAPSHOT-phase step of a {@code pull:} volume: rsyncs the remote tree into the staging.
 *
 * <p>Order, so that a kill at any point leaves a staging the next pull completes and a manifest
 * that never describes a half pull: the {@code 2sure.pull-incomplete} marker is written (synced)
 * before rsync starts and removed only after rsync finished with 0 or 24; the manifest update is a
 * later step of the same run, which the runner skips when this one failed. rsync's partial files
 * go to {@code 2sure.pull-tmp}, journaled (a {@code pull-temp} undo record) and deleted after the
 * transfer, in cleanup, or by the next run's recovery. The marker is not journaled: it is state,
 * not debris; a later successful pull removes it, and until then it tells anyone reading the
 * staging that it is not a consistent copy.
 */
final class PullStep implements Step {
    private final String volume;
    private final PullSettings settings;
    private @Nullable Undo temp;

    PullStep(String volume, PullSettings settings) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Phase phase() {
        return Phase.SNAPSHOT;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "pull " + settings.source() + " into " + settings.staging() + " (rsync over ssh)";
    }

    @Override
    public List<String> resources() {
        return List.of("pull-staging:" + settings.staging());
    }

    @Override
    public List<PreflightProblem> preflight(RunContext context) {
        List<PreflightProblem> out = new ArrayList<>();
        Programs.check(volume, settings.program(), Programs.aptInstall("rsync"), context.queryRunner())
                .ifPresent(out::add);
        Programs.check(volume, "ssh", Programs.aptInstall("openssh-client"), context.queryRunner())
                .ifPresent(out::add);
        Path staging = settings.staging();
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            out.add(new PreflightProblem(volume, "staging " + staging + " exists and is not a directory; move it"
                    + " away or choose another staging"));
        }
        if (!out.isEmpty()) {
            return out;
        }
        CommandResult probe;
        try {
            probe = context.queryRunner().run(PullCommands.probe(settings));
        } catch (CommandFailedException e) {
            out.add(new PreflightProblem(volume, "cannot check " + settings.source() + ": " + e.getMessage()));
            return out;
        }
        if (probe.exitCode() == 255) {
            out.add(new PreflightProblem(volume, "ssh to " + settings.ssh().host() + " failed: "
                    + lastLine(probe.stderr()) + "; check the host, ssh: {port, identity_file, options} and that"
                    + " its host key is in known_hosts (ssh-keyscan, checked against the host)"));
        } else if (probe.exitCode() == 1 && settings.rsyncPath().isEmpty()) {
            out.add(new PreflightProblem(volume, "src " + settings.source() + " is not a directory on "
                    + settings.ssh().host() + "; check the path (or give rsync_path: \"sudo rsync\" when only root"
                    + " can see it)"));
        }
        return out;
    }

    @Override
    public void perform(RunContext context) {
        Path staging = settings.staging();
        Path marker = PullCommands.incompleteMarker(settings);
        if (!context.dryRun()) {
            if (Files.exists(marker)) {
                context.listener().onEvent(new RunEvent.Warning(volume, "the staging " + staging + " holds an"
                        + " incomplete pull (an earlier run stopped during it); this pull completes it"));
            }
            Path tempDir = PullCommands.tempDir(settings);
            temp = context.undo().record(Undo.of("pull-temp", tempDir.toString(), volume,
                    new UndoAction.Delete(tempDir)));
            try {
                Files.createDirectories(staging);
                Files.createDirectories(tempDir);
                AtomicFiles.write(marker, ("pull of " + settings.source() + " started by run " + context.runStamp()
                        + "; the staging is not a complete copy until a pull completes\n")
                        .getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
            } catch (IOException e) {
                throw new RdumpException("cannot prepare the staging " + staging + ": " + e, e);
            }
        }
        CommandResult result;
        try {
            result = context.runner().run(PullCommands.pull(settings), LineListener.NONE, LineListener.NONE);
        } catch (CommandFailedException e) {
            if (e.exitCode() < 0) {
                throw e;
            }
            throw new CommandFailedException(e.command(), e.exitCode(), e.stderrTail(), RsyncExit.hint(e.exitCode())
                    + (e.exitCode() == 255 || e.exitCode() == 12
                    ? "; check that ssh reaches " + settings.ssh().host() + " and rsync is installed there" : "")
                    + "; the staging keeps the previous manifest, and the next run completes the pull");
        }
        if (result.exitCode() != 0) {
            context.listener().onEvent(new RunEvent.Warning(volume, RsyncExit.warning(result.exitCode(),
                    lastLine(result.stderr()))));
        }
        if (!context.dryRun()) {
            cleanup(context);
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                throw new RdumpException("cannot remove the marker " + marker + " after a complete pull: " + e, e);
            }
        }
    }

    /** Deletes rsync's temporary directory; the staging and its marker stay. */
    @Override
    public void cleanup(RunContext context) {
        Undo t = temp;
        if (t != null) {
            context.undo().undo(t, context);
            temp = null;
        }
    }

    private static String lastLine(String stderr) {
        List<String> lines = Arrays.stream(stderr.split("\r?\n")).filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1);
    }
}
