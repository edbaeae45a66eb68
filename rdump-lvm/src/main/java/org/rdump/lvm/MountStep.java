package org.rdump.lvm;

import java.util.List;

import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.CommandRunner;

/**
 * MOUNT: creates the mount point and mounts the snapshot there (xfs with {@code nouuid});
 * its cleanup unmounts it if something is mounted there.
 */
final class MountStep implements Step {
    private final LvmVolume volume;

    MountStep(LvmVolume volume) {
        this.volume = volume;
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
        return "mount " + volume.snapshot().device() + " on " + volume.snapDir()
                + " (-o " + LvmCommands.mountOptions(volume.fs(), volume.mountOptions()) + ")";
    }

    /** {@code mount:DIR}, and the snapshot it mounts ({@code lvm:VG/SNAPSHOT}). */
    @Override
    public List<String> resources() {
        return List.of("mount:" + volume.snapDir(), "lvm:" + volume.snapshot());
    }

    @Override
    public void perform(RunContext context) {
        CommandRunner runner = context.runner();
        runner.run(LvmCommands.mkdir(volume.snapDir()));
        context.undo().record(undo());
        runner.run(LvmCommands.mount(volume.snapshot().device(), volume.snapDir(), volume.fs(),
                volume.mountOptions()));
    }

    @Override
    public void cleanup(RunContext context) {
        CommandRunner runner = context.runner();
        if (runner.run(LvmCommands.mountpoint(volume.snapDir())).exitCode() == 0) {
            runner.run(LvmCommands.umount(volume.snapDir()));
        }
        context.undo().done(undo());
    }

    /** Unmounts the snapshot's directory while it is a mount point. */
    private Undo undo() {
        return Undo.of("mount", volume.snapDir().toString(), volume.name(),
                new UndoAction.Run(LvmCommands.umount(volume.snapDir()).argv(),
                        List.of("mountpoint", "-q", volume.snapDir().toString()), "", 3));
    }
}
