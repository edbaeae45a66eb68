package org.rdump.core.snapshots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.Settings;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.prune.PruneSettings;

/**
 * One {@code snapshots:} volume's settings, read and checked. Immutable.
 *
 * @param name the volume's name
 * @param provider the snapshot provider's id
 * @param volume what the provider snapshots, in its own terms
 * @param snapshot the snapshot's name
 * @param mount the live file system's mount point (the manifest is copied back there)
 * @param snap where the backups read the snapshot
 * @param mountFs the file system type to mount the snapshot's device with, or null when the
 *     provider makes the snapshot readable at {@code snap} itself
 * @param mountOptions extra mount options
 * @param settings the volume's whole settings, as the provider receives them
 * @param keep whether the run's snapshot is kept ({@code keep: true}) under a name of the scheme
 *     {@link #keptPrefix()}{@code NNNN-YYYYMMDDHHMM}
 * @param prune the policy pruning the kept snapshots, or null to keep them all
 */
record SnapshotVolume(String name, String provider, String volume, String snapshot, Path mount, Path snap,
                      @Nullable String mountFs, List<String> mountOptions, Settings settings, boolean keep,
                      @Nullable PruneSettings prune) {
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    SnapshotVolume {
        Objects.requireNonNull(name, "name");
        mountOptions = List.copyOf(mountOptions);
    }

    /** The default snapshot name of a volume. */
    static String defaultSnapshot(String volume) {
        return "rdump-" + volume;
    }

    /**
     * Reads a volume.
     *
     * @throws ConfigException naming each bad setting
     */
    static SnapshotVolume from(VolumeSpec v) {
        Settings s = v.settings();
        List<ConfigProblem> problems = new ArrayList<>();
        String snapshot = s.string("snapshot", defaultSnapshot(v.name()));
        if (!SNAPSHOT_NAME.matcher(snapshot).matches()) {
            problems.add(problem(s, "snapshot", "'" + snapshot + "' cannot name a snapshot: use letters, digits,"
                    + " '.', '_', '+', '-', starting with a letter or digit"));
        }
        for (String key : List.of("mount", "snap")) {
            if (!s.path(key).isAbsolute()) {
                problems.add(problem(s, key, "expected an absolute path, found '" + s.string(key) + "'"));
            }
        }
        if (problems.isEmpty() && s.path("mount").normalize().equals(s.path("snap").normalize())) {
            problems.add(problem(s, "snap", "must differ from mount (" + s.string("mount") + "): the backups read"
                    + " the snapshot, not the live file system"));
        }
        boolean keep = s.bool("keep", false);
        PruneSettings prune = null;
        try {
            prune = PruneSettings.from(s, "prune", snapshot + "-").orElse(null);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (prune != null && !keep) {
            problems.add(problem(s, "prune", "prune deletes the volume's kept snapshots, but the volume keeps none;"
                    + " add 'keep: true' (each run's snapshot is then kept as " + snapshot + "-NNNN-YYYYMMDDHHMM)"
                    + " or remove 'prune'"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Settings m = s.child("mount_snapshot").orElse(null);
        return new SnapshotVolume(v.name(), s.string("provider"), s.string("volume"), snapshot,
                s.path("mount").normalize(), s.path("snap").normalize(), m == null ? null : m.string("fs"),
                m == null ? List.of() : m.strings("options"), s, keep, prune);
    }

    /** The prefix of the kept snapshots' names, {@code SNAPSHOT-}. */
    String keptPrefix() {
        return snapshot + "-";
    }

    private static ConfigProblem problem(Settings s, String key, String message) {
        return new ConfigProblem(s.locate(key), message);
    }
}
