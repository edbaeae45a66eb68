package org.rdump.core.snapshots;

import java.nio.file.Files;
import java.util.List;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.Step;
import org.rdump.api.Undo;

/**
 * SNAPSHOT: journals the snapshot with the provider's {@link SnapshotProvider#removal} actions,
 * then takes it with {@link SnapshotProvider#create}. When the snapshot is not mounted, checks
 * that it can be read at {@code snap}. Its cleanup removes the snapshot through the provider
 * (or, when {@code create} failed half way, by the journaled actions) and closes the record.
 */
final class TakeSnapshotStep implements Step {
    private final SnapshotVolume volume;
    private final SnapshotProvider provider;
    private final TakenSnapshot taken;

    TakeSnapshotStep(SnapshotVolume volume, SnapshotProvider provider, TakenSnapshot taken) {
        this.volume = volume;
        this.provider = provider;
        this.taken = taken;
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
        return provider.id() + " snapshot of " + volume.volume() + " as " + volume.snapshot()
                + (volume.mountFs() == null ? ", read at " + volume.snap() : "");
    }

    /** {@code snapshot:PROVIDER:VOLUME}: one run at a time snapshots it. */
    @Override
    public List<String> resources() {
        return List.of("snapshot:" + provider.id() + ":" + volume.volume());
    }

    /**
     * The provider can read the volume: {@link SnapshotProvider#list} through the read-only query
     * runner (a missing volume or program is named before anything changes).
     */
    @Override
    public List<PreflightProblem> preflight(RunContext context) {
        if (!context.queryRunner().executes()) {
            return List.of();
        }
        try {
            provider.list(volume.volume(), new QueryContext(context));
            return List.of();
        } catch (RuntimeException e) {
            return List.of(new PreflightProblem(volume.name(), provider.id() + " cannot read the volume "
                    + volume.volume() + ": " + e.getMessage() + "; check 'volume' at "
                    + volume.settings().locate("volume")));
        }
    }

    @Override
    public void perform(RunContext context) {
        context.undo().record(undo());
        SnapshotRef ref = provider.create(volume.volume(), volume.snapshot(), volume.settings(), context);
        taken.set(ref);
        if (context.dryRun()) {
            return;
        }
        if (volume.mountFs() == null && !Files.isDirectory(volume.snap())) {
            throw new RdumpException("volume '" + volume.name() + "': " + provider.id() + " made the snapshot "
                    + ref.device() + ", but 'snap' (" + volume.snap() + ") is not a directory; set 'snap' to where"
                    + " the provider makes the snapshot readable, or add 'mount_snapshot: {fs: TYPE}' to mount"
                    + " it there");
        }
        context.listener().onEvent(new RunEvent.Report(volume.name(), "snapshot " + ref.device()));
    }

    @Override
    public void cleanup(RunContext context) {
        var ref = taken.get();
        if (ref.isPresent()) {
            provider.remove(ref.get(), context);
            context.undo().done(undo());
        } else {
            context.undo().undo(undo(), context);
        }
    }

    /** The journal record: what removes the snapshot without the provider. */
    Undo undo() {
        return new Undo("snapshot", provider.id() + ":" + volume.volume() + "@" + volume.snapshot(), volume.name(),
                provider.removal(volume.volume(), volume.snapshot(), volume.settings()));
    }
}
