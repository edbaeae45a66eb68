package org.rdump.lvm;

import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/** SNAPSHOT: takes the volume's snapshot; its cleanup removes it (if it exists). */
final class SnapshotStep implements Step {
    private final LvmVolume volume;
    private final LvmSnapshotProvider provider;

    SnapshotStep(LvmVolume volume, LvmSnapshotProvider provider) {
        this.volume = volume;
        this.provider = provider;
    }

    @Override
    public Phase phase() {
        return Phase.SNAPSHOT;
    }

    @Override
    public String volume() {
        return volume.name();
    }

    @Override
    public String describe() {
        return "snapshot " + volume.origin() + " as " + volume.snapshot() + " (" + volume.kind() + ")";
    }

    @Override
    public void perform(RunContext context) {
        provider.create(volume.origin().toString(), volume.snapshot().lv(), volume.settings(), context);
    }

    @Override
    public void cleanup(RunContext context) {
        provider.remove(volume.ref(), context);
    }
}
