package org.rdump.zfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.security.SecureRandom;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.ToolTarget;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.support.RestorePaths;

/**
 * Copies files out of a ZFS snapshot, on this machine or on another host, through a temporary
 * clone {@code POOL/rdump-restore-HEX}: journaled before it is made (recovery destroys it only
 * while its origin is still that snapshot), read, then destroyed, also after a failure.
 * Immutable; each call is independent.
 *
 * <ul>
 *   <li><b>This machine</b>: the clone is mounted in the run's scratch directory and copied with
 *   {@code cp -a} ({@link RestorePaths#copy}).
 *   <li><b>Another host</b> ({@link ZfsHost.Ssh}): every zfs command runs over ssh (one quoted
 *   command string, {@link ZfsHost#wrap}); the clone is mounted on that host below its pool
 *   root's mountpoint (root's own directory, unlike a shared {@code /tmp}), read back with
 *   {@code rsync -aH -AX --numeric-ids -s -e SSH HOST:MOUNT/./PATH... INTO/} (rsync starts the
 *   same ssh; {@code -s} sends the paths inside rsync's protocol, so no remote shell reads them),
 *   and the now empty mount directory is removed with {@code rmdir} over ssh, which the undo
 *   record also holds. Only what was asked for crosses the network, and this machine needs no
 *   ZFS at all (a machine being rebuilt after losing its disks).
 * </ul>
 *
 * @since 0.4
 */
public final class SnapshotReader {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ZfsCommands commands;

    public SnapshotReader(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /** Copies {@code paths} (the whole tree when empty) of {@code snapshot} into the directory {@code into}. */
    public void copy(String snapshot, List<String> paths, Path into, ArchiveInfo archive, ToolTarget target,
                     RunContext context) {
        withClone(snapshot, archive, context, root -> {
            if (commands.host() instanceof ZfsHost.Ssh ssh) {
                context.runner().run(rsync(ssh, root, paths, into));
            } else {
                RestorePaths.copy(root, paths, into, archive, target, context);
            }
        });
    }

    /**
     * Copies the regular file {@code name} at the root of {@code snapshot} to {@code into/name}.
     *
     * @throws RdumpException when it is not a regular file there (checked on this machine; on
     *     another host rsync's own error says so)
     */
    public void copyFile(String snapshot, String name, Path into, ArchiveInfo archive, RunContext context) {
        withClone(snapshot, archive, context, root -> {
            if (commands.host() instanceof ZfsHost.Ssh ssh) {
                context.runner().run(rsync(ssh, root, List.of(name), into));
                return;
            }
            if (!context.dryRun() && !Files.isRegularFile(root.resolve(name))) {
                throw new RdumpException("the snapshot " + snapshot + " of backup " + archive.id() + " holds no "
                        + name + " at its root");
            }
            context.runner().run(Command.of(List.of("cp", "-a", "--", root.resolve(name).toString(),
                    into.resolve(name).toString())));
        });
    }

    /**
     * {@code rsync -aH -AX --numeric-ids -s -e SSH [--relative] HOST:ROOT/./P... INTO/}: the paths
     * (all of {@code root} when empty) of a clone on another host. Pure.
     */
    static Command rsync(ZfsHost.Ssh ssh, Path root, List<String> paths, Path into) {
        List<String> argv = new ArrayList<>(List.of("rsync", "-aH", "-AX", "--numeric-ids", "-s", "-e",
                ssh.rsyncShell()));
        if (paths.isEmpty()) {
            argv.add(ssh.host() + ":" + root + "/.");
        } else {
            argv.add("--relative");
            paths.forEach(p -> argv.add(ssh.host() + ":" + root + "/./" + p));
        }
        argv.add(into + "/");
        return Command.of(argv);
    }

    private interface Reader {
        void read(Path root);
    }

    /** Clones {@code snapshot} (journaled), reads it at its mountpoint, destroys the clone. */
    private void withClone(String snapshot, ArchiveInfo archive, RunContext context, Reader reader) {
        String pool = snapshot.substring(0, snapshot.indexOf('@')).split("/")[0];
        String hex = HexFormat.of().toHexDigits(RANDOM.nextLong());
        String clone = pool + "/rdump-restore-" + hex;
        boolean remote = commands.host() instanceof ZfsHost.Ssh;
        Path mount = remote ? remoteMountRoot(pool, context).resolve("rdump-restore-" + hex)
                : context.scratchDirectory().resolve("zfs-restore-" + hex);
        List<UndoAction> actions = new ArrayList<>(List.of(new UndoAction.Run(commands.destroy(clone).argv(),
                commands.value("origin", clone).argv(), snapshot, ZfsCloneStep.DESTROY_ATTEMPTS)));
        if (remote) {
            // zfs leaves the mountpoint directory behind; rmdir removes only an empty one
            actions.add(UndoAction.Run.of(commands.host().wrap(List.of("rmdir", "--", mount.toString())),
                    commands.host().wrap(List.of("test", "-d", mount.toString()))));
        }
        String identity = remote ? commands.host().display() + ":" + clone : clone;
        // journaled first; recovery destroys it only while its origin is still this snapshot
        Undo undo = context.undo().record(new Undo("zfs-clone", identity, archive.volume(), actions));
        try {
            new ZfsClient(context.runner(), commands).cloneSnapshot(snapshot, clone, mount.toString());
            reader.read(mount);
        } finally {
            context.undo().undo(undo, context);
            if (!remote) {
                try {
                    Files.deleteIfExists(mount);
                } catch (IOException e) {
                    // an empty mount point left in scratch; the scratch directory is removed with the run
                }
            }
        }
    }

    /** The mountpoint of {@code pool}'s root dataset on the remote host (a read-only query). */
    private Path remoteMountRoot(String pool, RunContext context) {
        String value = context.queryRunner().run(commands.value("mountpoint", pool)).stdout().trim();
        if (!value.startsWith("/")) {
            if (!context.queryRunner().executes()) {
                return Path.of("/" + pool); // a plan without queries: the default mountpoint
            }
            throw new RdumpException("the root dataset " + pool + " on " + commands.host().display() + " has"
                    + " mountpoint '" + value + "'; rdump mounts its temporary restore clone below it: give " + pool
                    + " a mountpoint (zfs set mountpoint=/" + pool + " " + pool + ")");
        }
        return Path.of(value);
    }
}
