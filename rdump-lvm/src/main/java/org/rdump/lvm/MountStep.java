package org.rdump.lvm;

import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
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

    @Override
    public void perform(RunContext context) {
        CommandRunner runner = context.runner();
        runner.run(LvmCommands.mkdir(volume.snapDir()));
        runner.run(LvmCommands.mount(volume.snapshot().device(), volume.snapDir(), volume.fs(),
                volume.mountOptions()));
    }

    @Override
    public void cleanup(RunContext context) {
        CommandRunner runner = context.runner();
        if (runner.run(LvmCommands.mountpoint(volume.snapDir())).exitCode() == 0) {
            runner.run(LvmCommands.umount(volume.snapDir()));
        }
    }
}
