package org.rdump.btrfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rdump.api.RdumpApi;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SnapshotFeature;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.UndoAction;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;

/**
 * btrfs snapshots (id {@code btrfs}) of a subvolume, named by its absolute path
 * ({@code /home}).
 *
 * <p>{@link #create} takes a read-only snapshot ({@code btrfs subvolume snapshot -r}) at
 * {@code SNAPSHOT_DIR/NAME}; {@code snapshot_dir} defaults to {@code VOLUME/.rdump-snapshots}, which
 * is made once as a subvolume of its own, so that snapshots of the volume do not contain the
 * snapshots. When the settings hold {@code snap} (a {@code snapshots:} volume always does), it then
 * takes a writable snapshot of the read-only one at {@code snap}, the btrfs analogue of a ZFS
 * clone: core updates the manifest there and the backups read it. The {@link SnapshotRef}'s device
 * is the read-only snapshot's path, and its property {@code writable} the writable one's.
 *
 * <p>{@link #remove} deletes both, is idempotent, and refuses to delete a path that is not a btrfs
 * subvolume. {@link #keep} (a {@code snapshots:} volume with {@code keep: true}) takes a read-only
 * snapshot of the writable one, which holds the updated manifest, at {@code SNAPSHOT_DIR/NAME};
 * {@link #list(String, Settings, RunContext)} lists the read-only snapshots there, and
 * {@link #keptRemoval} deletes one only while it is read-only. {@link #removal} (for the journal) deletes the writable snapshot only while
 * {@code snap} is a writable subvolume, and the read-only one only while it is read-only. Every
 * program runs through the context's runners (read-only checks through the query runner).
 * Stateless; thread-safe.
 *
 * @since 0.6
 */
public final class BtrfsSnapshotProvider implements SnapshotProvider {
    /** The provider id. */
    public static final String ID = "btrfs";
    /** The setting naming the directory of the read-only snapshots. */
    public static final String SNAPSHOT_DIR = "snapshot_dir";
    /** The default {@link #SNAPSHOT_DIR}, under the subvolume. */
    public static final String DEFAULT_DIR = ".rdump-snapshots";
    /** The {@link SnapshotRef} property holding the writable snapshot's path. */
    public static final String WRITABLE = "writable";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "btrfs snapshots of a subvolume: read-only, and a writable one for the manifest";
    }

    @Override
    public Set<SnapshotFeature> features() {
        return Set.of(SnapshotFeature.WRITABLE_CLONE, SnapshotFeature.PRUNE, SnapshotFeature.KEEP);
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.of(SettingsSchema.Key.optional(SNAPSHOT_DIR, SettingsSchema.Type.PATH,
                "VOLUME/" + DEFAULT_DIR, "Where the read-only snapshots are made, on the subvolume's file system"
                        + " (made as a subvolume when missing); the writable one is made at snap."));
    }

    /**
     * Takes the read-only snapshot {@code SNAPSHOT_DIR/NAME} of {@code volume}, then, with
     * {@code snap} in the settings, the writable one there. If the writable one cannot be made, the
     * read-only one is deleted again before the error is thrown.
     *
     * @throws RdumpException naming the volume when it is not a btrfs subvolume, or when a
     *     snapshot or {@code snap} already exists
     */
    @Override
    public SnapshotRef create(String volume, String name, Settings settings, RunContext context) {
        Path source = subvolume(volume);
        requireName(name);
        Path dir = snapshotDir(source, settings);
        Path readOnly = dir.resolve(name);
        Optional<Path> writable = settings.optionalPath("snap").map(Path::normalize);
        CommandRunner queries = context.queryRunner();
        if (queries.executes()) {
            requireSubvolume(source, queries);
            refuseExisting(readOnly, "the read-only snapshot of " + source);
            writable.ifPresent(w -> refuseExisting(w, "'snap' (the writable snapshot of " + source + ")"));
            writable.filter(w -> !dir.equals(w.getParent())).ifPresent(BtrfsSnapshotProvider::requireParent);
        }
        CommandRunner runner = context.runner();
        if (!Files.isDirectory(dir)) {
            runner.run(BtrfsCommands.createSubvolume(dir));
        }
        run(runner, BtrfsCommands.readOnlySnapshot(source, readOnly), "read-only snapshot of " + source);
        Map<String, String> props = new LinkedHashMap<>();
        props.put(SNAPSHOT_DIR, dir.toString());
        if (writable.isPresent()) {
            try {
                run(runner, BtrfsCommands.writableSnapshot(readOnly, writable.get()),
                        "writable snapshot of " + readOnly + " at 'snap'");
            } catch (RdumpException e) {
                try {
                    delete(readOnly, context);
                } catch (RdumpException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            props.put(WRITABLE, writable.get().toString());
        }
        return new SnapshotRef(ID, volume, name, readOnly.toString(), props);
    }

    /** Deletes the writable snapshot (when the ref has one), then the read-only one; fine when gone. */
    @Override
    public void remove(SnapshotRef snapshot, RunContext context) {
        String writable = snapshot.properties().get(WRITABLE);
        if (writable != null) {
            delete(Path.of(writable), context);
        }
        delete(Path.of(snapshot.device()), context);
    }

    /**
     * The read-only snapshots in the volume's snapshot directory, by name (names that end in a run
     * stamp sort oldest first). Empty when the directory does not exist yet.
     *
     * @throws RdumpException naming the volume when it is not a btrfs subvolume
     */
    @Override
    public List<SnapshotRef> list(String volume, RunContext context) {
        Path source = subvolume(volume);
        CommandRunner runner = context.runner();
        if (!runner.executes()) {
            runner.run(BtrfsCommands.show(source));
            return List.of();
        }
        requireSubvolume(source, runner);
        Path dir = snapshotDir(source, Settings.of(Map.of()));
        return list(volume, dir, runner);
    }

    private List<SnapshotRef> list(String volume, Path dir, CommandRunner runner) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new RdumpException("cannot list the snapshots of " + volume + " in " + dir + ": " + e.getMessage(), e);
        }
        List<SnapshotRef> refs = new ArrayList<>();
        for (Path p : entries) {
            CommandResult r = runner.run(BtrfsCommands.readOnlyProperty(p));
            if (r.exitCode() == 0 && r.stdout().strip().equals("ro=true")) {
                refs.add(new SnapshotRef(ID, volume, p.getFileName().toString(), p.toString(),
                        Map.of(SNAPSHOT_DIR, dir.toString())));
            }
        }
        return List.copyOf(refs);
    }

    /** The read-only snapshots in {@code snapshot_dir} (or the default), through the query runner. */
    @Override
    public List<SnapshotRef> list(String volume, Settings settings, RunContext context) {
        Path source = subvolume(volume);
        CommandRunner queries = context.queryRunner();
        if (!queries.executes()) {
            return List.of();
        }
        requireSubvolume(source, queries);
        return list(volume, snapshotDir(source, settings), queries);
    }

    /**
     * A read-only snapshot, {@code SNAPSHOT_DIR/NAME}, of the run's writable snapshot (which holds
     * the updated manifest), or of its read-only one when it has none.
     *
     * @throws RdumpException when {@code SNAPSHOT_DIR/NAME} exists or btrfs fails
     */
    @Override
    public SnapshotRef keep(SnapshotRef taken, String name, Settings settings, RunContext context) {
        Path source = subvolume(taken.volume());
        requireName(name);
        Path dir = snapshotDir(source, settings);
        Path kept = dir.resolve(name);
        Path from = Path.of(taken.properties().getOrDefault(WRITABLE, taken.device()));
        if (context.queryRunner().executes()) {
            refuseExisting(kept, "the kept snapshot of " + source);
        }
        run(context.runner(), BtrfsCommands.readOnlySnapshot(from, kept), "kept snapshot of " + from);
        return new SnapshotRef(ID, taken.volume(), name, kept.toString(), Map.of(SNAPSHOT_DIR, dir.toString()));
    }

    /** {@code btrfs subvolume delete SNAPSHOT_DIR/NAME} while {@code btrfs property get -ts} of it prints {@code ro=true}. */
    @Override
    public List<UndoAction> keptRemoval(String volume, String name, Settings settings) {
        Path source = subvolume(volume);
        requireName(name);
        Path kept = snapshotDir(source, settings).resolve(name);
        return List.of(new UndoAction.Run(BtrfsCommands.delete(kept).argv(),
                BtrfsCommands.readOnlyProperty(kept).argv(), "ro=true", 3));
    }

    /**
     * A writable snapshot of {@code snapshot} at the path {@code target}; {@link #remove} of the
     * returned ref deletes it.
     */
    @Override
    public SnapshotRef cloneWritable(SnapshotRef snapshot, String target, RunContext context) {
        Path t = Path.of(target).normalize();
        if (!t.isAbsolute()) {
            throw new IllegalArgumentException("target must be an absolute path, found '" + target + "'");
        }
        if (context.queryRunner().executes()) {
            refuseExisting(t, "the writable snapshot of " + snapshot.device());
            requireParent(t);
        }
        run(context.runner(), BtrfsCommands.writableSnapshot(Path.of(snapshot.device()), t),
                "writable snapshot of " + snapshot.device());
        return new SnapshotRef(ID, snapshot.volume(), t.getFileName().toString(), t.toString(), Map.of());
    }

    /**
     * For the journal: {@code btrfs subvolume delete SNAP} while {@code btrfs property get -ts SNAP
     * ro} prints {@code ro=false} (with {@code snap} in the settings), then {@code btrfs subvolume
     * delete SNAPSHOT_DIR/NAME} while it prints {@code ro=true}.
     */
    @Override
    public List<UndoAction> removal(String volume, String name, Settings settings) {
        Path source = subvolume(volume);
        requireName(name);
        Path readOnly = snapshotDir(source, settings).resolve(name);
        List<UndoAction> actions = new ArrayList<>();
        settings.optionalPath("snap").map(Path::normalize).ifPresent(w -> actions.add(new UndoAction.Run(
                BtrfsCommands.delete(w).argv(), BtrfsCommands.readOnlyProperty(w).argv(), "ro=false", 3)));
        actions.add(new UndoAction.Run(BtrfsCommands.delete(readOnly).argv(),
                BtrfsCommands.readOnlyProperty(readOnly).argv(), "ro=true", 3));
        return List.copyOf(actions);
    }

    /** {@code snapshot_dir}, or {@code VOLUME/.rdump-snapshots}. */
    static Path snapshotDir(Path volume, Settings settings) {
        Path dir = settings.optionalPath(SNAPSHOT_DIR).orElse(volume.resolve(DEFAULT_DIR)).normalize();
        if (!dir.isAbsolute()) {
            throw new RdumpException("'" + SNAPSHOT_DIR + "' must be an absolute path on the subvolume's file"
                    + " system, found '" + dir + "'");
        }
        return dir;
    }

    /** Deletes one subvolume; nothing when the path is gone; refuses anything but a subvolume. */
    private static void delete(Path subvolume, RunContext context) {
        CommandRunner runner = context.runner();
        if (!runner.executes()) {
            runner.run(BtrfsCommands.delete(subvolume));
            return;
        }
        if (!Files.exists(subvolume, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        CommandResult show = runner.run(BtrfsCommands.show(subvolume));
        if (show.exitCode() != 0) {
            throw new RdumpException("refusing to delete " + subvolume + ": it is not a btrfs subvolume ("
                    + BtrfsErrors.firstLine(show.stderr()) + "); it is not a snapshot rdump made, so remove it by"
                    + " hand if it is not needed");
        }
        try {
            runner.run(BtrfsCommands.delete(subvolume));
        } catch (CommandFailedException e) {
            if (Files.exists(subvolume, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }

    private static void run(CommandRunner runner, org.rdump.api.command.Command command, String what) {
        try {
            runner.run(command);
        } catch (CommandFailedException e) {
            String why = BtrfsErrors.firstLine(e.stderrTail());
            String hint = why.toLowerCase(java.util.Locale.ROOT).contains("cross-device")
                    || why.toLowerCase(java.util.Locale.ROOT).contains("not a btrfs filesystem")
                    ? "; snapshots must be on the subvolume's own btrfs file system (check '" + SNAPSHOT_DIR
                    + "' and 'snap')" : "";
            throw new RdumpException("btrfs " + what + " failed: " + why + hint, e);
        }
    }

    private static void requireSubvolume(Path volume, CommandRunner queries) {
        CommandResult r = queries.run(BtrfsCommands.show(volume));
        if (r.exitCode() != 0) {
            throw new RdumpException(BtrfsErrors.notASubvolume(volume, r.stderr()));
        }
    }

    private static void refuseExisting(Path p, String what) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new RdumpException(p + " already exists, so " + what + " cannot be made there; a snapshot left"
                    + " by an interrupted run is deleted by `rdump recover`; anything else, move it away or choose"
                    + " another path");
        }
    }

    private static void requireParent(Path p) {
        Path parent = p.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new RdumpException("the directory of 'snap' (" + parent + ") does not exist; create it (on the"
                    + " subvolume's btrfs file system) or choose another 'snap'");
        }
    }

    private static Path subvolume(String volume) {
        Path p = Path.of(volume);
        if (!p.isAbsolute()) {
            throw new RdumpException("btrfs volume '" + volume + "' must be the subvolume's absolute path, e.g. /home");
        }
        return p.normalize();
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_', '+', '-', found '" + name + "'");
        }
    }
}
