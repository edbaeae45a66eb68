package org.rdump.lvm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.RdumpApi;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotFeature;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.SettingsSchema;
import org.rdump.api.UndoAction;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;

/**
 * LVM2 snapshots (id {@code lvm}): copy-on-write snapshots of a fixed size, or thin snapshots.
 * Volumes are named {@code vg/lv}; a snapshot's device is {@code /dev/vg/name}.
 *
 * <p>Settings read by {@link #create}: {@code size} (default {@code 5g}, lvcreate syntax, for
 * copy-on-write snapshots) and {@code thin} (default false: the origin is a thin volume and
 * the snapshot takes its space from the pool).
 *
 * <p>{@link #remove} is idempotent, and refuses to remove a volume that is not a snapshot of
 * the named origin, so that a mistyped snapshot name can never destroy a real volume. Every
 * program runs through the context's runner. Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class LvmSnapshotProvider implements SnapshotProvider {
    /** The provider id and configuration section name. */
    public static final String ID = "lvm";
    /** The default size of a copy-on-write snapshot, as the original rdump used. */
    public static final String DEFAULT_SIZE = "5g";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "LVM2 snapshots (copy-on-write of a fixed size, or thin)";
    }

    @Override
    public Set<SnapshotFeature> features() {
        return Set.of(SnapshotFeature.PRUNE);
    }

    /**
     * Takes a snapshot of {@code volume} ({@code vg/lv}) named {@code name}; a thin one is then
     * activated. If activation fails, the snapshot is removed again before the error is thrown.
     *
     * @throws RdumpException naming the volume when it does not exist, when a volume of that
     *     name already exists, or when lvcreate fails otherwise
     * @throws IllegalArgumentException when {@code volume} is not {@code vg/lv} or {@code name}
     *     is not a valid LVM name
     */
    @Override
    public SnapshotRef create(String volume, String name, Settings settings, RunContext context) {
        LvPath origin = LvPath.parse(volume);
        LvPath snap = origin.sibling(name);
        boolean thin = settings.bool("thin", false);
        String size = settings.string("size", DEFAULT_SIZE);
        CommandRunner runner = context.runner();
        try {
            runner.run(thin ? LvmCommands.thinSnapshot(origin, name) : LvmCommands.snapshot(origin, name, size));
        } catch (CommandFailedException e) {
            throw explainCreateFailure(origin, snap, e, context);
        }
        if (thin) {
            try {
                runner.run(LvmCommands.activate(snap));
            } catch (CommandFailedException e) {
                try {
                    runner.run(LvmCommands.remove(snap));
                } catch (RdumpException removal) {
                    e.addSuppressed(removal);
                }
                throw new RdumpException("thin snapshot " + snap + " of " + origin
                        + " could not be activated, so it was removed again: " + e.getMessage(), e);
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("thin", Boolean.toString(thin));
        if (!thin) {
            props.put("size", size);
        }
        return new SnapshotRef(ID, origin.toString(), name, snap.device(), props);
    }

    /** {@code size} and {@code thin}, as {@link #create} reads them. */
    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.of(
                SettingsSchema.Key.optional("size", SettingsSchema.Type.SIZE, DEFAULT_SIZE,
                        "The copy-on-write snapshot's size (lvcreate -L); ignored when thin is true."),
                SettingsSchema.Key.optional("thin", SettingsSchema.Type.BOOLEAN, "false",
                        "The origin is a thin volume: take a thin snapshot (space from the pool) and activate it."));
    }

    /** {@code lvremove -f VG/NAME} while {@code lvs} says it is a snapshot of {@code volume}'s volume. */
    @Override
    public List<UndoAction> removal(String volume, String name, Settings settings) {
        LvPath origin = LvPath.parse(volume);
        LvPath snap = origin.sibling(name);
        return List.of(new UndoAction.Run(LvmCommands.remove(snap).argv(), LvmCommands.origin(snap).argv(),
                origin.lv(), 3));
    }

    private RdumpException explainCreateFailure(LvPath origin, LvPath snap, CommandFailedException e,
                                                RunContext context) {
        String why = e.stderrTail().strip();
        if (why.contains("already exists")) {
            return new RdumpException("cannot snapshot " + origin + " as " + snap + ": " + snap
                    + " already exists, probably left by an interrupted run; check it with `lvs "
                    + snap + "`, remove it with `lvremove " + snap + "` and run again", e);
        }
        Optional<LvsRow> found;
        try {
            found = find(origin, context);
        } catch (RdumpException probe) {
            e.addSuppressed(probe);
            return e;
        }
        if (found.isEmpty()) {
            return new RdumpException("cannot snapshot " + origin + ": no such logical volume ("
                    + firstLine(why) + "); check `vg` and `lv` in the configuration", e);
        }
        return new RdumpException("snapshot of " + origin + " as " + snap + " failed: " + e.getMessage()
                + "\na copy-on-write snapshot needs `size` of free space in volume group " + origin.vg()
                + " (see `vgs`)", e);
    }

    /**
     * Removes the snapshot; does nothing when it is already gone. In a dry run (a runner that
     * does not execute) only records {@code lvremove}.
     *
     * @throws RdumpException when a volume of that name exists but is not a snapshot of
     *     {@code snapshot.volume()}, or when lvremove fails and the snapshot is still there
     */
    @Override
    public void remove(SnapshotRef snapshot, RunContext context) {
        LvPath origin = LvPath.parse(snapshot.volume());
        LvPath snap = origin.sibling(snapshot.name());
        CommandRunner runner = context.runner();
        if (!runner.executes()) {
            runner.run(LvmCommands.remove(snap));
            return;
        }
        Optional<LvsRow> row = find(snap, context);
        if (row.isEmpty()) {
            return;
        }
        LvsRow r = row.get();
        if (!r.isSnapshot() || !r.origin().equals(origin.lv())) {
            throw new RdumpException("refusing to remove " + snap + ": it is not a snapshot of " + origin
                    + " (lv_attr " + r.attr() + ", origin '" + r.origin() + "'); check `lv_snap` in the configuration");
        }
        try {
            runner.run(LvmCommands.remove(snap));
        } catch (CommandFailedException e) {
            boolean gone;
            try {
                gone = find(snap, context).isEmpty();
            } catch (RdumpException probe) {
                e.addSuppressed(probe);
                throw e;
            }
            if (!gone) {
                throw e;
            }
        }
    }

    /**
     * The snapshots of {@code volume} ({@code vg/lv}), oldest first. Empty in a dry run.
     *
     * @throws RdumpException naming the volume when it or its group does not exist
     */
    @Override
    public List<SnapshotRef> list(String volume, RunContext context) {
        LvPath origin = LvPath.parse(volume);
        CommandRunner runner = context.runner();
        if (!runner.executes()) {
            runner.run(LvmCommands.listing(origin.vg()));
            return List.of();
        }
        CommandResult result = runner.run(LvmCommands.listing(origin.vg()));
        if (result.exitCode() != 0) {
            throw new RdumpException("cannot list the snapshots of " + origin + ": "
                    + firstLine(result.stderr().strip()) + "; check `vg` in the configuration");
        }
        List<LvsRow> rows = LvsReportParser.parse(result.stdout());
        if (rows.stream().noneMatch(r -> r.name().equals(origin.lv()))) {
            throw new RdumpException("cannot list the snapshots of " + origin + ": volume group "
                    + origin.vg() + " has no logical volume " + origin.lv() + "; check `lv` in the configuration");
        }
        return rows.stream()
                .filter(r -> r.isSnapshot() && r.origin().equals(origin.lv()))
                .map(r -> ref(origin, r))
                .toList();
    }

    private static SnapshotRef ref(LvPath origin, LvsRow r) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("lv_attr", r.attr());
        props.put("thin", Boolean.toString(r.isThin()));
        if (!r.snapPercent().isEmpty()) {
            props.put("snap_percent", r.snapPercent());
        }
        if (!r.dataPercent().isEmpty()) {
            props.put("data_percent", r.dataPercent());
        }
        return new SnapshotRef(ID, origin.toString(), r.name(), origin.sibling(r.name()).device(), props);
    }

    /**
     * The lvs row of one volume; empty when it (or its group) does not exist.
     *
     * @throws RdumpException when lvs fails for another reason or prints something unreadable
     */
    Optional<LvsRow> find(LvPath lv, RunContext context) {
        return find(lv, context.runner());
    }

    /** {@link #find(LvPath, RunContext)} through {@code runner} (a pre-flight's query runner). */
    Optional<LvsRow> find(LvPath lv, CommandRunner runner) {
        CommandResult result = runner.run(LvmCommands.report(lv));
        if (result.exitCode() != 0) {
            if (isNotFound(result.stderr())) {
                return Optional.empty();
            }
            throw new CommandFailedException(result);
        }
        return LvsReportParser.parse(result.stdout()).stream().filter(r -> r.name().equals(lv.lv())).findFirst();
    }

    /** lvs' words for a missing volume ("Failed to find logical volume") or group ("not found"). */
    private static boolean isNotFound(String stderr) {
        return stderr.contains("Failed to find logical volume") || stderr.contains("not found");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
