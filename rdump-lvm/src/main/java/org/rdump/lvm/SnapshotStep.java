package org.rdump.lvm;

import java.util.List;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;

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

    /** {@code lvm:VG/ORIGIN} and {@code lvm:VG/SNAPSHOT}. */
    @Override
    public List<String> resources() {
        return List.of("lvm:" + volume.origin(), "lvm:" + volume.snapshot());
    }

    /**
     * The LVM programs are found and the origin volume exists ({@code lvs --reportformat json}).
     * A snapshot of this name left by a killed run is removed by recovery before this check.
     */
    @Override
    public java.util.List<org.rdump.api.PreflightProblem> preflight(RunContext context) {
        java.util.List<org.rdump.api.PreflightProblem> out = new java.util.ArrayList<>();
        for (String program : java.util.List.of("lvs", "lvcreate", "lvremove")) {
            org.rdump.api.support.Programs.check(volume.name(), program,
                    org.rdump.api.support.Programs.aptInstall("lvm2"), context.queryRunner()).ifPresent(out::add);
        }
        if (!out.isEmpty() || !context.queryRunner().executes()) {
            return out;
        }
        if (provider.find(volume.origin(), context.queryRunner()).isEmpty()) {
            out.add(new org.rdump.api.PreflightProblem(volume.name(), "logical volume " + volume.origin()
                    + " does not exist; check 'vg' and 'lv' of volume '" + volume.name()
                    + "' ('lvs' shows the volumes there are)"));
        }
        return out;
    }

    /**
     * Journals the snapshot (removed by recovery only while it is a snapshot of this origin), then
     * takes it.
     */
    @Override
    public void perform(RunContext context) {
        context.undo().record(undo());
        provider.create(volume.origin().toString(), volume.snapshot().lv(), volume.settings(), context);
    }

    /** Removes the snapshot through the provider (which refuses anything that is not a snapshot of the origin). */
    @Override
    public void cleanup(RunContext context) {
        provider.remove(volume.ref(), context);
        context.undo().done(undo());
    }

    private Undo undo() {
        return Undo.of("lvm-snapshot", volume.snapshot().toString(), volume.name(),
                new UndoAction.Run(LvmCommands.remove(volume.snapshot()).argv(),
                        LvmCommands.origin(volume.snapshot()).argv(), volume.origin().lv(), 3));
    }
}
