package org.rdump.zfs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;

/**
 * Runs {@link ZfsCommands} through a {@link CommandRunner} and parses what they print: the one
 * place where rdump-zfs talks to zfs. Immutable; thread-safe when the runner is.
 *
 * <p>{@link #destroy} is idempotent (a name that does not exist is fine) and retries while zfs
 * answers "dataset is busy": zfs-fuse keeps a just-used mount busy for about a second.
 *
 * @param runner runs every command
 * @param commands builds them
 * @param busyRetries the pauses between attempts of a destroy that found the dataset busy
 * @since 0.1
 */
public record ZfsClient(CommandRunner runner, ZfsCommands commands, List<Duration> busyRetries) {

    /** Pauses summing to about 12 s, enough for zfs-fuse to let go of a mount. */
    public static final List<Duration> DEFAULT_BUSY_RETRIES = List.of(Duration.ofMillis(200),
            Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1200), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(4));

    public ZfsClient {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(commands, "commands");
        busyRetries = List.copyOf(busyRetries);
    }

    public ZfsClient(CommandRunner runner, ZfsCommands commands) {
        this(runner, commands, DEFAULT_BUSY_RETRIES);
    }

    /** Runs a command built elsewhere. */
    public CommandResult run(Command command) {
        return runner.run(command);
    }

    public void snapshot(String snapshot, boolean recursive) {
        runner.run(commands.snapshot(snapshot, recursive));
    }

    /** Whether a dataset, snapshot or bookmark exists. */
    public boolean exists(String name) {
        CommandResult r = runner.run(commands.exists(name));
        return r.exitCode() == 0 && r.stdoutLines().contains(name);
    }

    /**
     * Destroys a snapshot, clone or childless dataset; succeeds when it does not exist.
     *
     * @return true when this call destroyed it
     */
    public boolean destroy(String name) {
        return destroy(name, false);
    }

    /**
     * {@link #destroy(String)}; with {@code recursive}, a snapshot {@code DS@NAME} and the
     * snapshots of that name of the dataset's children ({@code zfs destroy -r}).
     */
    public boolean destroy(String name, boolean recursive) {
        Command c = (recursive ? commands.destroyRecursive(name) : commands.destroy(name)).accepting(0, 1);
        for (int attempt = 0; ; attempt++) {
            CommandResult r = runner.run(c);
            if (r.exitCode() == 0) {
                return true;
            }
            String err = r.stderr();
            if (err.contains("does not exist")) {
                return false;
            }
            if (!err.contains("busy") || attempt >= busyRetries.size()) {
                throw new CommandFailedException(r.command().toString(), r.exitCode(), err,
                        err.contains("busy") ? "something still uses " + name + " (a shell or program"
                                + " inside its mountpoint?); end it and run the cleanup again" : null);
            }
            pause(busyRetries.get(attempt));
        }
    }

    /** Clones a snapshot (creating missing parents). */
    public void cloneSnapshot(String snapshot, String target, @Nullable String mountpoint) {
        runner.run(commands.clone(snapshot, target, mountpoint));
    }

    /** The snapshots of one dataset, oldest first. */
    public List<ZfsRow> listSnapshots(String dataset, boolean parsable) {
        return ZfsListParser.parseList(runner.run(commands.listSnapshots(dataset, parsable)).stdout(),
                ZfsListParser.SNAPSHOT_COLUMNS);
    }

    /**
     * The short names of a dataset's snapshots that carry a hold ({@code userrefs} above 0):
     * {@code zfs destroy} refuses them, and someone (a replication) still needs them.
     */
    public java.util.Set<String> heldSnapshots(String dataset) {
        List<String> columns = List.of("name", "userrefs");
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (ZfsRow r : ZfsListParser.parseList(runner.run(commands.listSnapshots(dataset, columns)).stdout(), columns)) {
            String refs = r.value("userrefs").orElse("0").trim();
            if (!refs.equals("0") && !refs.isEmpty()) {
                r.snapshot().ifPresent(out::add);
            }
        }
        return out;
    }

    /** Every dataset and snapshot at and under {@code root} (bookmarks left out), in tree order. */
    public List<ZfsRow> listTree(String root, List<String> columns, boolean parsable) {
        return ZfsListParser.parseList(runner.run(commands.listTree(root, columns, parsable)).stdout(), columns)
                .stream().filter(r -> !r.isBookmark()).toList();
    }

    /** Properties of the named datasets: name, then property, to value and source. */
    public Map<String, Map<String, ZfsProperty>> get(List<String> properties, String... names) {
        return ZfsListParser.parseGetByName(runner.run(commands.get(properties, names)).stdout());
    }

    /** One property's value; empty when zfs gives none ({@code -}) or prints nothing (dry run). */
    public Optional<String> property(String name, String property) {
        ZfsProperty p = get(List.of(property), name).getOrDefault(name, Map.of()).get(property);
        return p == null || p.value().equals("-") ? Optional.empty() : Optional.of(p.value());
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterruptedException("interrupted while waiting for a busy zfs dataset");
        }
    }
}
