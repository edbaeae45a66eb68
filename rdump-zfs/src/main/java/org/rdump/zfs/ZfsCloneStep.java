package org.rdump.zfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.jspecify.annotations.Nullable;
import org.rdump.api.support.Programs;
import org.rdump.zfs.prune.Pruner;

/**
 * MOUNT step of a {@code zfs-volumes} volume: makes a writable clone of the run's snapshot at a
 * fixed mountpoint ({@code zfs clone -p -o mountpoint=M DS@NAME CLONE}), then reads the clone's
 * {@code mountpoint} back to check it. Cleanup destroys the clone (also after a failed perform;
 * idempotent). A clone left by a crashed run (its {@code origin} a snapshot of the same dataset)
 * is destroyed first, with a warning; any other dataset in the way is an error.
 *
 * <p>With {@code rsure_snapshot}, it also writes {@value #README} into the clone, before the
 * manifest is updated, so the explanation is covered by the manifest and backed up.
 *
 * @since 0.1
 */
final class ZfsCloneStep implements Step {
    static final String README = "README-rdump-rsure.txt";
    /** zfs-fuse keeps a just-used mount busy for a few seconds: 12 attempts, 1 s apart. */
    static final int DESTROY_ATTEMPTS = 12;
    private final ZfsVolume volume;
    private final RunSnapshot snapshot;
    private final ZfsCommands commands;
    private @Nullable Undo recorded;

    ZfsCloneStep(ZfsVolume volume, RunSnapshot snapshot, ZfsCommands commands) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public Phase phase() {
        return Phase.MOUNT;
    }

    @Override
    public String volume() {
        return volume.name();
    }

    @Override
    public String describe() {
        return "zfs clone " + snapshot.display() + " to " + volume.cloneDataset() + " at " + volume.cloneMount();
    }

    /**
     * For the whole volume, before its snapshot is taken: zfs is found, the dataset exists and is
     * mounted at {@code mount}, and the clone's name is free or a leftover clone of this dataset.
     */
    @Override
    public List<PreflightProblem> preflight(RunContext context) {
        if (commands.host() instanceof ZfsHost.Local) {
            Optional<PreflightProblem> missing = Programs.check(volume.name(), commands.zfs(),
                    Programs.aptInstall("zfsutils-linux") + " or zfs-fuse", context.queryRunner());
            if (missing.isPresent()) {
                return List.of(missing.get());
            }
        }
        ZfsClient zfs = new ZfsClient(context.queryRunner(), commands);
        if (!zfs.exists(volume.dataset())) {
            return context.queryRunner().executes() ? List.of(new PreflightProblem(volume.name(), "dataset "
                    + volume.dataset() + " does not exist; check 'dataset' of volume '" + volume.name()
                    + "' ('zfs list' shows the datasets there are)")) : List.of();
        }
        List<PreflightProblem> out = new java.util.ArrayList<>();
        liveMountProblem(zfs).ifPresent(m -> out.add(new PreflightProblem(volume.name(), m)));
        if (zfs.exists(volume.cloneDataset()) && !isLeftoverClone(zfs)) {
            out.add(new PreflightProblem(volume.name(), notAClone()));
        }
        return out;
    }

    @Override
    public void perform(RunContext context) {
        ZfsClient zfs = new ZfsClient(context.runner(), commands);
        boolean real = context.runner().executes() && !context.dryRun();
        if (real) {
            checkLiveMount(zfs);
            removeLeftover(zfs, context);
        }
        String origin = volume.fullSnapshot(snapshot.name());
        // Journaled first; removed only while its origin is this run's snapshot, so that recovery
        // never destroys a dataset of the same name that this run did not make.
        recorded = context.undo().record(new Undo("zfs-clone", volume.cloneDataset(), volume.name(), List.of(
                new UndoAction.Run(commands.destroy(volume.cloneDataset()).argv(),
                        commands.value("origin", volume.cloneDataset()).argv(), origin, DESTROY_ATTEMPTS))));
        zfs.cloneSnapshot(origin, volume.cloneDataset(), volume.cloneMount().toString());
        if (!real) {
            return;
        }
        Optional<String> mp = zfs.property(volume.cloneDataset(), "mountpoint");
        if (mp.isEmpty() || !Path.of(mp.get()).equals(volume.cloneMount())) {
            throw new RdumpException("the clone " + volume.cloneDataset() + " is mounted at " + mp.orElse("(nothing)")
                    + ", not at " + volume.cloneMount() + "; check clone_mount of volume '" + volume.name() + "'");
        }
        if (volume.rsureSnapshot()) {
            writeReadme();
        }
    }

    /** Destroys the clone (only if it is this run's: see {@link #perform}); nothing when none was made. */
    @Override
    public void cleanup(RunContext context) {
        if (recorded != null) {
            context.undo().undo(recorded, context);
        }
    }

    @Override
    public List<String> resources() {
        return List.of("zfs:" + volume.dataset(), "zfs:" + volume.cloneDataset(), "mount:" + volume.cloneMount());
    }

    private void checkLiveMount(ZfsClient zfs) {
        Optional<String> problem = liveMountProblem(zfs);
        if (problem.isPresent()) {
            throw new RdumpException(problem.get());
        }
    }

    /** When the dataset's real mountpoint is not {@code mount}: what is wrong and the fix. */
    private Optional<String> liveMountProblem(ZfsClient zfs) {
        Optional<String> mp = zfs.property(volume.dataset(), "mountpoint");
        if (mp.isPresent() && !mp.get().equals("legacy") && !Path.of(mp.get()).equals(volume.mount())) {
            return Optional.of("dataset " + volume.dataset() + " is mounted at " + mp.get() + ", not at "
                    + volume.mount() + "; set 'mount: " + mp.get() + "' for volume '" + volume.name() + "'");
        }
        return Optional.empty();
    }

    /** Whether the existing clone dataset is a clone of a snapshot of this volume's dataset. */
    private boolean isLeftoverClone(ZfsClient zfs) {
        ZfsProperty origin = zfs.get(List.of("origin"), volume.cloneDataset())
                .getOrDefault(volume.cloneDataset(), Map.of()).get("origin");
        return origin != null && origin.value().startsWith(volume.dataset() + "@");
    }

    private String notAClone() {
        return "dataset " + volume.cloneDataset() + " already exists and is not a clone of " + volume.dataset()
                + "; choose another 'clone' for volume '" + volume.name() + "'";
    }

    private void removeLeftover(ZfsClient zfs, RunContext context) {
        if (!zfs.exists(volume.cloneDataset())) {
            return;
        }
        if (!isLeftoverClone(zfs)) {
            throw new RdumpException(notAClone());
        }
        ZfsProperty origin = zfs.get(List.of("origin"), volume.cloneDataset())
                .getOrDefault(volume.cloneDataset(), Map.of()).get("origin");
        context.listener().onEvent(new RunEvent.Warning(volume.name(), "destroying " + volume.cloneDataset()
                + ", a clone of " + origin.value() + " left by an earlier run"));
        zfs.destroy(volume.cloneDataset());
    }

    private void writeReadme() {
        String full = volume.fullSnapshot(snapshot.name());
        String text = """
                This tree is a writable clone of %s, made by rdump for one backup run.

                rdump updated the integrity manifest (2sure.dat.gz) in this clone and copied it
                back to the live dataset %s, then took the snapshot %s.
                That -rsure snapshot exists only to keep the updated manifest: the live files may
                have changed after %s was taken, so its files need not match the manifest.
                Check or restore against %s (or this backup), not against the -rsure snapshot.
                """.formatted(full, volume.dataset(), full + Pruner.COMPANION, full, full);
        Path readme = volume.cloneMount().resolve(README);
        try {
            Files.writeString(readme, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RdumpException("cannot write " + readme + ": " + e.getMessage(), e);
        }
    }
}
