package org.rdump.restic;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;

/**
 * Builds the restic commands rdump runs. Pure: no I/O. Every command names the repository and
 * the password source in its environment only ({@link ResticSettings#commandEnvironment}).
 * Commands that only read ({@code snapshots}, {@code ls}, {@code stats}, {@code cat config}) run
 * with {@code --no-lock}, so that they change nothing and work while a prune holds the lock.
 *
 * <p>A snapshot of volume {@code V} made by the run with stamp {@code S} carries the tags
 * {@code rdump-volume=V} and {@code rdump-stamp=S}, the host {@link ResticSettings#host}, and
 * {@code S} as its time, so that restic's own retention rules count the run's time.
 */
final class ResticCommands {
    /** A run stamp, {@code yyyyMMdd'T'HHmmss'Z'}. */
    static final Pattern STAMP = Pattern.compile("\\d{8}T\\d{6}Z");
    static final String VOLUME_TAG = "rdump-volume=";
    static final String STAMP_TAG = "rdump-stamp=";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ResticCommands() {
    }

    /** {@code restic version}: which restic this is (see {@link ResticVersion}). */
    static Command version(ResticSettings s) {
        return Command.of(s.program(), "version").withTimeout(java.time.Duration.ofMinutes(1));
    }

    /**
     * {@code restic backup --json --one-file-system --exclude-caches --host H --tag rdump-volume=V
     * --tag rdump-stamp=S --time 'STAMP' [--parent ID] [backup_args] .}, run in {@code source}, so that
     * the snapshot's tree is the source's contents (a restore gives them back at the target's
     * root); {@code TZ=UTC} makes restic read {@code --time} as UTC. Exit 3 (some files could not
     * be read: the snapshot is incomplete) is accepted besides 0.
     *
     * @param parent the snapshot whose files restic compares against (the volume's newest), or
     *     null for restic's own choice (the newest with the same host and path)
     */
    static Command backup(ResticSettings s, Path source, String volume, String stamp, Instant time,
                          @org.jspecify.annotations.Nullable String parent) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "backup", "--json", "--one-file-system",
                "--exclude-caches", "--host", s.host(), "--tag", volumeTag(volume), "--tag", stampTag(stamp),
                "--time", TIME.format(time)));
        if (parent != null) {
            argv.addAll(List.of("--parent", checkId(parent)));
        }
        argv.addAll(s.backupArgs());
        argv.add(".");
        return command(s, argv).withEnv("TZ", "UTC").withWorkingDirectory(source).accepting(0, 3);
    }

    /** {@code restic snapshots --json --no-lock --host H --tag rdump-volume=V}: the volume's snapshots. */
    static Command snapshots(ResticSettings s, String volume) {
        return command(s, List.of(s.program(), "snapshots", "--json", "--no-lock", "--host", s.host(),
                "--tag", volumeTag(volume)));
    }

    /**
     * {@code restic cat config --no-lock}: reads the repository's config only (a pre-flight check
     * that the repository exists and the password opens it); changes nothing.
     */
    static Command probe(ResticSettings s) {
        return command(s, List.of(s.program(), "cat", "config", "--no-lock"))
                .withTimeout(java.time.Duration.ofMinutes(2));
    }

    /** {@code restic stats --json --no-lock --mode restore-size ID}: the bytes a restore of the snapshot writes. */
    static Command stats(ResticSettings s, String id) {
        return command(s, List.of(s.program(), "stats", "--json", "--no-lock", "--mode", "restore-size", checkId(id)));
    }

    /**
     * {@code restic ls --json --no-lock ID [/PATH...]}: the snapshot's nodes (all, or those at and
     * below each path), which a restore of the same paths writes.
     */
    static Command ls(ResticSettings s, String id, List<String> paths) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "ls", "--json", "--no-lock", checkId(id)));
        paths.forEach(p -> argv.add("/" + p));
        return command(s, argv);
    }

    /**
     * {@code restic restore ID --target INTO [--include /PATH...] [--sparse]}: the paths (each a
     * pattern with restic's special characters escaped, so it matches that path and what is below
     * it), or all of it when none. {@code --sparse} where this restic has it (0.15 and later).
     */
    static Command restore(ResticSettings s, String id, List<String> paths, Path into, boolean sparse) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "restore", checkId(id), "--target", into.toString()));
        for (String p : paths) {
            argv.add("--include");
            argv.add("/" + escapePattern(p));
        }
        if (sparse) {
            argv.add("--sparse");
        }
        return command(s, argv);
    }

    /**
     * {@code restic forget --json --group-by '' --host H --tag rdump-volume=V --keep-...
     * [--prune | --dry-run]}: this volume's snapshots only, as one group (the frozen tree's path may
     * differ between runs), or empty when no {@code keep_*} setting is given.
     */
    static java.util.Optional<Command> forget(ResticSettings s, String volume, boolean dryRun) {
        if (s.keep().isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of(s.program(), "forget", "--json", "--group-by", "",
                "--host", s.host(), "--tag", volumeTag(volume)));
        for (Map.Entry<String, String> k : s.keep().entrySet()) {
            argv.add("--keep-" + k.getKey());
            argv.add(k.getValue());
        }
        if (dryRun) {
            argv.add("--dry-run");
        } else if (s.prune()) {
            argv.add("--prune");
        }
        return java.util.Optional.of(command(s, argv));
    }

    /** {@code restic forget [--prune] ID...}: forgets exactly these snapshots. */
    static Command forgetIds(ResticSettings s, List<String> ids) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "forget"));
        if (s.prune()) {
            argv.add("--prune");
        }
        ids.forEach(id -> argv.add(checkId(id)));
        return command(s, argv);
    }

    /**
     * {@code restic unlock}: removes stale locks only (of a restic process on this host that is
     * gone, or older than 30 minutes), never a live one.
     */
    static Command unlock(ResticSettings s) {
        return command(s, List.of(s.program(), "unlock"));
    }

    static String volumeTag(String volume) {
        if (volume.isEmpty() || volume.contains(",")) {
            throw new IllegalArgumentException("not a usable volume name for a restic tag: '" + volume + "'");
        }
        return VOLUME_TAG + volume;
    }

    static String stampTag(String stamp) {
        if (!STAMP.matcher(stamp).matches()) {
            throw new IllegalArgumentException("not a run stamp: '" + stamp + "'");
        }
        return STAMP_TAG + stamp;
    }

    /**
     * {@code path} as a restic pattern that matches only itself: {@code \}, {@code *}, {@code ?},
     * {@code [} and {@code ]} escaped with {@code \}.
     */
    static String escapePattern(String path) {
        StringBuilder b = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '\\' || c == '*' || c == '?' || c == '[' || c == ']') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String checkId(String id) {
        if (!id.matches("[0-9a-f]{8,64}")) {
            throw new IllegalArgumentException("not a restic snapshot id: '" + id + "'");
        }
        return id;
    }

    private static Command command(ResticSettings s, List<String> argv) {
        Command c = Command.of(argv);
        for (Map.Entry<String, Secret> e : s.commandEnvironment().entrySet()) {
            c = c.withEnv(e.getKey(), e.getValue());
        }
        return c;
    }
}
