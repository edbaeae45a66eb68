package org.rdump.core.snapshots;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.support.prune.SnapshotName;

/**
 * VERIFY ({@code keep: true}), after the backups: keeps the run's snapshot through
 * {@link SnapshotProvider#keep} as {@code SNAPSHOT-NNNN-YYYYMMDDHHMM} (the number one more than
 * the highest kept one, the time the run stamp's minute in the clock's zone, as ZFS names its
 * snapshots). Journaled with {@link SnapshotProvider#keptRemoval} before it is made and closed
 * once it is: a run killed while keeping leaves no half-made kept snapshot, and a kept one, once
 * made, outlives the run. Cleanup after a failed keep deletes what the journal names.
 */
final class KeepSnapshotStep implements Step {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private final SnapshotVolume volume;
    private final SnapshotProvider provider;
    private final TakenSnapshot taken;
    private final KeptSnapshot kept;
    private @Nullable Undo open;

    KeepSnapshotStep(SnapshotVolume volume, SnapshotProvider provider, TakenSnapshot taken, KeptSnapshot kept) {
        this.volume = volume;
        this.provider = provider;
        this.taken = taken;
        this.kept = kept;
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return volume.name();
    }

    @Override
    public String describe() {
        return "keep the snapshot of " + volume.volume() + " as " + volume.keptPrefix() + "NNNN-YYYYMMDDHHMM";
    }

    /** {@code snapshot:PROVIDER:VOLUME}, as the snapshot step. */
    @Override
    public List<String> resources() {
        return List.of("snapshot:" + provider.id() + ":" + volume.volume());
    }

    @Override
    public void perform(RunContext context) {
        SnapshotRef ref = taken.get().orElseThrow(() -> new RdumpException("volume '" + volume.name()
                + "': no snapshot to keep (the snapshot step did not run)"));
        List<String> existing = provider.list(volume.volume(), volume.settings(), context).stream()
                .map(SnapshotRef::name).toList();
        String name = new SnapshotName(volume.keptPrefix(), SnapshotName.nextNumber(volume.keptPrefix(), existing),
                runMinute(context)).format();
        kept.set(name);
        List<UndoAction> removal = provider.keptRemoval(volume.volume(), name, volume.settings());
        if (removal.isEmpty()) {
            throw new RdumpException("snapshot provider '" + provider.id() + "' does not say how to remove a kept"
                    + " snapshot after a crash (SnapshotProvider.keptRemoval), so volume '" + volume.name()
                    + "' cannot keep its snapshot; remove 'keep' at " + volume.settings().locate("keep"));
        }
        Undo undo = new Undo("kept-snapshot", provider.id() + ":" + volume.volume() + "@" + name, volume.name(),
                removal);
        open = undo;
        context.undo().record(undo);
        SnapshotRef made = provider.keep(ref, name, volume.settings(), context);
        context.undo().done(undo);
        open = null;
        if (!context.dryRun()) {
            context.listener().onEvent(new RunEvent.Report(volume.name(), "kept snapshot " + made.device()));
        }
    }

    /** Only after a keep that did not finish: deletes the half-made kept snapshot. */
    @Override
    public void cleanup(RunContext context) {
        Undo undo = open;
        if (undo != null) {
            context.undo().undo(undo, context);
            open = null;
        }
    }

    /** The run stamp's minute in the clock's zone (the clock's instant when the stamp has another form). */
    static LocalDateTime runMinute(RunContext context) {
        Instant at;
        try {
            at = LocalDateTime.parse(context.runStamp(), STAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            at = context.clock().instant();
        }
        return LocalDateTime.ofInstant(at, context.clock().getZone()).truncatedTo(ChronoUnit.MINUTES);
    }
}
