package org.rdump.lvm;

import java.util.Optional;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * Runs after the last step that reads the snapshot and fails the run when the snapshot
 * overflowed (or vanished) meanwhile: what was read from it then is not the frozen tree.
 * Reports how full a copy-on-write snapshot got, and warns from {@link LvsRow#WARN_PERCENT} on.
 * Nothing to clean up.
 */
final class OverflowCheckStep implements Step {
    private final LvmVolume volume;
    private final LvmSnapshotProvider provider;
    private final Phase phase;

    OverflowCheckStep(LvmVolume volume, LvmSnapshotProvider provider, Phase phase) {
        this.volume = volume;
        this.provider = provider;
        this.phase = phase;
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public String volume() {
        return volume.name();
    }

    @Override
    public String describe() {
        return "check that snapshot " + volume.snapshot() + " did not overflow while it was read";
    }

    @Override
    public void perform(RunContext context) {
        if (!context.runner().executes()) {
            context.runner().run(LvmCommands.report(volume.snapshot()));
            return;
        }
        Optional<LvsRow> row = provider.find(volume.snapshot(), context);
        if (row.isEmpty()) {
            throw new RdumpException("snapshot " + volume.snapshot() + " of volume '" + volume.name()
                    + "' disappeared while it was read: the backups taken from " + volume.snapDir()
                    + " in this run cannot be trusted");
        }
        LvsRow r = row.get();
        Optional<String> problem = r.problem();
        if (problem.isPresent()) {
            throw new RdumpException("snapshot " + volume.snapshot() + " of volume '" + volume.name() + "' "
                    + problem.get() + ": the backups taken from " + volume.snapDir()
                    + " in this run are incomplete or inconsistent; " + remedy());
        }
        if (volume.thin()) {
            return; // a thin snapshot shares blocks with its origin: its data_percent says nothing
        }
        r.snapFill().ifPresent(p -> {
            context.listener().onEvent(new RunEvent.Report(volume.name(),
                    "snapshot " + volume.snapshot() + " was " + p.toPlainString() + "% full"));
            if (p.compareTo(LvsRow.WARN_PERCENT) >= 0) {
                context.listener().onEvent(new RunEvent.Warning(volume.name(),
                        "snapshot " + volume.snapshot() + " was " + p.toPlainString()
                                + "% full at the end of the backup; " + remedy()));
            }
        });
    }

    private String remedy() {
        return volume.thin()
                ? "make room in the thin pool of volume group " + volume.origin().vg()
                : "raise `size` (now " + volume.size() + ") at " + volume.settings().locate("size");
    }
}
