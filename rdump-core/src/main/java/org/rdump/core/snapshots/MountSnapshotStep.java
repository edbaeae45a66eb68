package org.rdump.core.snapshots;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;

/**
 * MOUNT ({@code mount_snapshot:}): mounts the snapshot's device on {@code snap}
 * ({@code mount -t FS -o noatime[,nouuid for xfs][,OPTIONS] DEVICE SNAP}; writable, because the
 * manifest is updated inside the snapshot); its cleanup
 * unmounts it while something is mounted there. Journaled before the mount.
 */
final class MountSnapshotStep implements Step {
    private final SnapshotVolume volume;
    private final TakenSnapshot taken;

    MountSnapshotStep(SnapshotVolume volume, TakenSnapshot taken) {
        this.volume = volume;
        this.taken = taken;
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
        return "mount the snapshot on " + volume.snap() + " (-t " + volume.mountFs() + " -o " + options() + ")";
    }

    /** {@code mount:SNAP}. */
    @Override
    public List<String> resources() {
        return List.of("mount:" + volume.snap());
    }

    @Override
    public void perform(RunContext context) {
        String device = taken.get().orElseThrow(() -> new RdumpException("volume '" + volume.name()
                + "': no snapshot to mount (the snapshot step did not run)")).device();
        context.runner().run(Command.of("mkdir", "-p", volume.snap().toString()));
        context.undo().record(undo());
        context.runner().run(Command.of("mount", "-t", volume.mountFs(), "-o", options(), device,
                volume.snap().toString()));
    }

    @Override
    public void cleanup(RunContext context) {
        context.undo().undo(undo(), context);
    }

    String options() {
        Set<String> o = new LinkedHashSet<>(List.of("noatime"));
        if ("xfs".equals(volume.mountFs())) {
            o.add("nouuid");
        }
        o.addAll(volume.mountOptions());
        return String.join(",", o);
    }

    private Undo undo() {
        return Undo.of("mount", volume.snap().toString(), volume.name(),
                new UndoAction.Run(List.of("umount", volume.snap().toString()),
                        List.of("mountpoint", "-q", volume.snap().toString()), "", 3));
    }
}
