package org.rdump.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.command.Command;

/**
 * Builds the {@code zfs} and {@code zpool} commands rdump runs, as argument vectors. Pure: no
 * I/O, no state beyond the program paths and the host. Immutable and thread-safe.
 *
 * <p>Every method returns a {@link Command} that accepts exit 0 only unless it says otherwise;
 * names are passed as single arguments (spaces allowed), wrapped for {@code ssh} by
 * {@link ZfsHost#wrap} when the host is remote.
 *
 * @param zfs the {@code zfs} program (a path, or a name looked up on PATH)
 * @param zpool the {@code zpool} program
 * @param host where the commands run
 * @since 0.1
 */
public record ZfsCommands(String zfs, String zpool, ZfsHost host) {

    public ZfsCommands {
        Objects.requireNonNull(zfs, "zfs");
        Objects.requireNonNull(zpool, "zpool");
        Objects.requireNonNull(host, "host");
    }

    /** {@code zfs} and {@code zpool} from PATH on this machine. */
    public static ZfsCommands local() {
        return new ZfsCommands("zfs", "zpool", ZfsHost.local());
    }

    /** The same programs on another host. */
    public ZfsCommands on(ZfsHost other) {
        return new ZfsCommands(zfs, zpool, other);
    }

    /** {@code zfs snapshot [-r] DS@NAME}. */
    public Command snapshot(String snapshot, boolean recursive) {
        requireSnapshot(snapshot);
        return recursive ? zfs("snapshot", "-r", snapshot) : zfs("snapshot", snapshot);
    }

    /** {@code zfs destroy -r DS@NAME}: the snapshot and its children's snapshots of that name. */
    public Command destroyRecursive(String snapshot) {
        requireSnapshot(snapshot);
        return zfs("destroy", "-r", snapshot);
    }

    /** {@code zfs destroy NAME} (a snapshot, clone or dataset without children). */
    public Command destroy(String name) {
        return zfs("destroy", name);
    }

    /**
     * {@code zfs clone -p [-o mountpoint=M] DS@NAME TARGET}: creates missing parents of the target.
     *
     * @param mountpoint where to mount the clone, or null for the inherited mountpoint
     */
    public Command clone(String snapshot, String target, @Nullable String mountpoint) {
        requireSnapshot(snapshot);
        List<String> a = new ArrayList<>(List.of("clone", "-p"));
        if (mountpoint != null) {
            a.add("-o");
            a.add("mountpoint=" + mountpoint);
        }
        a.add(snapshot);
        a.add(target);
        return zfs(a);
    }

    /**
     * {@code zfs create [-p] [-o k=v]... DS}.
     *
     * @param properties set on creation, in the map's order
     */
    public Command create(String dataset, Map<String, String> properties, boolean parents) {
        List<String> a = new ArrayList<>(List.of("create"));
        if (parents) {
            a.add("-p");
        }
        properties.forEach((k, v) -> {
            a.add("-o");
            a.add(k + "=" + v);
        });
        a.add(dataset);
        return zfs(a);
    }

    /**
     * The snapshots of one dataset, oldest first (zfs lists snapshots in creation order; sorting
     * by {@code creation} would tie within a second): {@code zfs list -H [-p] -t snapshot -d 1 -o
     * name,creation,used DS}.
     */
    public Command listSnapshots(String dataset, boolean parsable) {
        return list(parsable, List.of("-t", "snapshot", "-d", "1"),
                ZfsListParser.SNAPSHOT_COLUMNS, dataset);
    }

    /**
     * The snapshots of one dataset with other columns: {@code zfs list -H -t snapshot -d 1 -o
     * COLUMNS DS} (columns starting with {@code name}).
     */
    public Command listSnapshots(String dataset, List<String> columns) {
        return list(false, List.of("-t", "snapshot", "-d", "1"), columns, dataset);
    }

    /**
     * {@code zfs hold TAG DS@NAME}: a held snapshot cannot be destroyed until the tag is released.
     * Accepts exit 1 (zfs says why: the tag is already there, or the snapshot is gone).
     */
    public Command hold(String tag, String snapshot) {
        requireSnapshot(snapshot);
        return zfs("hold", tag, snapshot).accepting(0, 1);
    }

    /** {@code zfs release TAG DS@NAME}, accepting exit 1 (no such tag, or no such snapshot). */
    public Command release(String tag, String snapshot) {
        requireSnapshot(snapshot);
        return zfs("release", tag, snapshot).accepting(0, 1);
    }

    /**
     * Every filesystem, volume and snapshot at and under {@code root}, in tree order with each
     * dataset's snapshots oldest first: {@code zfs list -H [-p] -t all -r -o COLUMNS ROOT}.
     */
    public Command listTree(String root, List<String> columns, boolean parsable) {
        return list(parsable, List.of("-t", "all", "-r"), columns, root);
    }

    /** {@code zfs list -H -o name NAME}, accepting exit 1 (does not exist). */
    public Command exists(String name) {
        return zfs("list", "-H", "-o", "name", name).accepting(0, 1);
    }

    /** {@code zfs get -H -o value PROPERTY NAME}: just the value (exit 1 when NAME does not exist). */
    public Command value(String property, String name) {
        return zfs("get", "-H", "-o", "value", property, name);
    }

    /** {@code zfs get -H -p -o name,property,value,source PROPS NAME...}. */
    public Command get(List<String> properties, String... names) {
        List<String> a = new ArrayList<>(List.of("get", "-H", "-p", "-o", "name,property,value,source",
                String.join(",", properties)));
        a.addAll(List.of(names));
        return zfs(a);
    }

    /** {@code zfs get -H -p -r -o name,property,value,source PROPS ROOT}: the whole tree. */
    public Command getRecursive(List<String> properties, String root) {
        return zfs("get", "-H", "-p", "-r", "-o", "name,property,value,source", String.join(",", properties), root);
    }

    /**
     * {@code zfs send [-I|-i FROM] DS@TO}, or with {@code estimate} {@code zfs send -nP ...}
     * (a dry run that prints the size).
     *
     * @param from the older snapshot (full name or {@code @name}), or null for a full stream
     * @param intermediates {@code -I} (all snapshots between) rather than {@code -i}
     */
    public Command send(@Nullable String from, String to, boolean intermediates, boolean estimate) {
        requireSnapshot(to);
        List<String> a = new ArrayList<>(List.of("send"));
        if (estimate) {
            a.add("-nP");
        }
        if (from != null) {
            a.add(intermediates ? "-I" : "-i");
            a.add(from);
        }
        a.add(to);
        return zfs(a);
    }

    /** {@code zfs send [-nP] -t TOKEN}: resumes an interrupted stream. */
    public Command sendResume(String token, boolean estimate) {
        return estimate ? zfs("send", "-nP", "-t", token) : zfs("send", "-t", token);
    }

    /**
     * {@code zfs receive [-F] [-u] [-s] DS}.
     *
     * @param force roll the destination back to its newest snapshot first ({@code -F})
     * @param noMount do not mount what is received ({@code -u})
     * @param resumable keep a partial stream for {@code send -t} ({@code -s})
     */
    public Command receive(String dataset, boolean force, boolean noMount, boolean resumable) {
        List<String> a = new ArrayList<>(List.of("receive"));
        if (force) {
            a.add("-F");
        }
        if (noMount) {
            a.add("-u");
        }
        if (resumable) {
            a.add("-s");
        }
        a.add(dataset);
        return zfs(a);
    }

    /** {@code zfs receive -A DS}: discards a partial resumable receive. */
    public Command receiveAbort(String dataset) {
        return zfs("receive", "-A", dataset);
    }

    /**
     * {@code zfs -?}: prints the usage of every subcommand on standard output (exit 0, 1 or 2
     * accepted). Unlike {@code zfs} alone, which prints it on standard error, nothing of it
     * reaches the command log.
     */
    public Command usage() {
        return zfs("-?").accepting(0, 1, 2);
    }

    /** {@code zfs get -H -o property,value receive_resume_token DS}, accepting any failure. */
    public Command probeResumeToken(String dataset) {
        return zfs("get", "-H", "-o", "property,value", "receive_resume_token", dataset).accepting(0, 1, 2);
    }

    /** {@code zpool get all POOL} (whitespace-aligned columns), accepting exit 1 and 2. */
    public Command poolProperties(String pool) {
        return new Command(host.wrap(List.of(zpool, "get", "all", pool)), Map.of(), null, null,
                java.time.Duration.ZERO, java.util.Set.of(0, 1, 2));
    }

    private Command list(boolean parsable, List<String> options, List<String> columns, String name) {
        List<String> a = new ArrayList<>(List.of("list", "-H"));
        if (parsable) {
            a.add("-p");
        }
        a.addAll(options);
        a.add("-o");
        a.add(String.join(",", columns));
        a.add(name);
        return zfs(a);
    }

    /** {@code zfs mount DS}. */
    public Command mount(String dataset) {
        return zfs("mount", dataset);
    }

    /** {@code zfs umount DS}. */
    public Command unmount(String dataset) {
        return zfs("umount", dataset);
    }

    private Command zfs(String... args) {
        return zfs(List.of(args));
    }

    private Command zfs(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(zfs);
        argv.addAll(args);
        return Command.of(host.wrap(argv));
    }

    private static void requireSnapshot(String name) {
        int at = name.indexOf('@');
        if (at <= 0 || at == name.length() - 1) {
            throw new IllegalArgumentException("not a snapshot name (DATASET@NAME): '" + name + "'");
        }
    }
}
