package org.rdump.zfs;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rdump.api.RdumpApi;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotFeature;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.SnapshotRef;
import org.rdump.api.SettingsSchema;
import org.rdump.api.UndoAction;

/**
 * ZFS snapshots (id {@code zfs}): {@code zfs snapshot DS@NAME}, {@code zfs destroy},
 * {@code zfs list -t snapshot} and writable clones with {@code zfs clone}.
 *
 * <p>A volume is a dataset name ({@code tank/home}); a {@link SnapshotRef}'s device is the full
 * snapshot name ({@code tank/home@name}) and its properties hold {@code creation} (epoch
 * seconds when known) and {@code used} as zfs printed them. Setting {@code recursive: true}
 * snapshots the children too ({@code -r}), and {@link #remove} then destroys them too.
 * Errors from zfs surface as
 * {@link org.rdump.api.command.CommandFailedException} with the command and zfs's message,
 * which names the dataset. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ZfsSnapshotProvider implements SnapshotProvider {
    /** The property of a snapshot taken with {@code recursive: true}, which {@link #remove} destroys with {@code -r}. */
    static final String RECURSIVE = "recursive";
    private final ZfsCommands commands;

    /** For {@link java.util.ServiceLoader}: {@code zfs} from PATH on this machine. */
    public ZfsSnapshotProvider() {
        this(ZfsCommands.local());
    }

    /** With other programs or another host (tests use a stand-in {@code zfs}). */
    public ZfsSnapshotProvider(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    @Override
    public String id() {
        return "zfs";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "ZFS snapshots and writable clones (zfs snapshot / clone / destroy)";
    }

    @Override
    public Set<SnapshotFeature> features() {
        return Set.of(SnapshotFeature.WRITABLE_CLONE, SnapshotFeature.SEND_RECEIVE,
                SnapshotFeature.RECURSIVE, SnapshotFeature.PRUNE);
    }

    @Override
    public SnapshotRef create(String volume, String name, Settings settings, RunContext context) {
        requireName(volume, "volume");
        requireName(name, "name");
        String full = volume + "@" + name;
        boolean recursive = settings.bool("recursive", false);
        client(context).snapshot(full, recursive);
        return ref(volume, name, recursive ? Map.of(RECURSIVE, "true") : Map.of());
    }

    @Override
    public void remove(SnapshotRef snapshot, RunContext context) {
        client(context).destroy(snapshot.device(), "true".equals(snapshot.properties().get(RECURSIVE)));
    }

    @Override
    public List<SnapshotRef> list(String volume, RunContext context) {
        requireName(volume, "volume");
        ZoneId zone = context.clock().getZone();
        return client(context).listSnapshots(volume, false).stream().map(row -> {
            Map<String, String> props = new LinkedHashMap<>();
            row.value("creation").flatMap(v -> ZfsValues.time(v, zone))
                    .ifPresent(t -> props.put("creation", Long.toString(t.getEpochSecond())));
            row.value("used").ifPresent(v -> props.put("used", v));
            return ref(row.dataset(), row.snapshot().orElseThrow(), props);
        }).toList();
    }

    @Override
    public SnapshotRef cloneWritable(SnapshotRef snapshot, String target, RunContext context) {
        requireName(target, "target");
        client(context).cloneSnapshot(snapshot.device(), target, null);
        return new SnapshotRef(id(), snapshot.volume(), snapshot.name(), target,
                Map.of("origin", snapshot.device()));
    }

    /** {@code recursive}: snapshot the dataset's children too. */
    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.of(SettingsSchema.Key.optional("recursive", SettingsSchema.Type.BOOLEAN, "false",
                "Snapshot the dataset's children too (zfs snapshot -r); removed with zfs destroy -r."));
    }

    /** {@code zfs destroy [-r] DS@NAME} while {@code zfs list -H -o name DS@NAME} prints that name. */
    @Override
    public List<UndoAction> removal(String volume, String name, Settings settings) {
        requireName(volume, "volume");
        requireName(name, "name");
        String full = volume + "@" + name;
        List<String> destroy = settings.bool("recursive", false)
                ? commands.destroyRecursive(full).argv() : commands.destroy(full).argv();
        return List.of(new UndoAction.Run(destroy, commands.exists(full).argv(), full, 3));
    }

    private SnapshotRef ref(String volume, String name, Map<String, String> props) {
        return new SnapshotRef(id(), volume, name, volume + "@" + name, props);
    }

    private ZfsClient client(RunContext context) {
        return new ZfsClient(context.runner(), commands);
    }

    private static void requireName(String s, String what) {
        if (s.isBlank() || s.contains("@") || s.contains("#") || s.startsWith("/") || s.startsWith("-")) {
            throw new IllegalArgumentException(what + " must be a zfs dataset or snapshot name without '@',"
                    + " '#' or a leading '/' or '-': '" + s + "'");
        }
    }
}
