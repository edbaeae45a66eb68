package org.rdump.zfs;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.prune.PruneSettings;

/**
 * One {@code zfs-volumes} entry with its defaults applied. Immutable.
 *
 * @param name the volume's name
 * @param dataset the live dataset, e.g. {@code tank/home}
 * @param mount where the live dataset is mounted (the manifest is copied back there)
 * @param cloneDataset the clone's dataset, e.g. {@code tank/snaps/home}
 * @param cloneMount where the clone is mounted (set with {@code -o mountpoint=} when cloning,
 *     so that the path is known while planning)
 * @param snapshotPrefix put before {@code NNNN-YYYYMMDDHHMM} in the run's snapshot name (see
 *     {@link RunSnapshot})
 * @param rsureSnapshot whether to take {@code DS@NAME-rsure} after the manifest is copied back
 * @param prune the {@code prune:} policy, or null to keep every snapshot
 * @since 0.1
 */
public record ZfsVolume(String name, String dataset, Path mount, String cloneDataset, Path cloneMount,
                        String snapshotPrefix, boolean rsureSnapshot, @Nullable PruneSettings prune) {

    public ZfsVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(cloneDataset, "cloneDataset");
        Objects.requireNonNull(cloneMount, "cloneMount");
        Objects.requireNonNull(snapshotPrefix, "snapshotPrefix");
    }

    /** Reads a volume, applying the defaults of {@link ZfsStrategy#schema()} without asking zfs. */
    public static ZfsVolume from(VolumeSpec spec) {
        return from(spec, name -> java.util.Optional.empty());
    }

    /**
     * Reads a volume; a {@code mount} not given is the dataset's real mountpoint, and a
     * {@code clone_mount} not given goes under the pool's real mountpoint, as {@code mountpoints}
     * says (a dataset's {@code mountpoint} property when it is a path), else {@code /DATASET}
     * and {@code /CLONE}.
     */
    public static ZfsVolume from(VolumeSpec spec, java.util.function.Function<String, java.util.Optional<Path>> mountpoints) {
        Settings s = spec.settings();
        String dataset = s.string("dataset");
        if (dataset.isBlank() || dataset.contains("@") || dataset.startsWith("/") || dataset.endsWith("/")) {
            throw new ConfigException(s.locate("dataset"), "expected a dataset name such as tank/home, found '"
                    + dataset + "'");
        }
        String clone = s.string("clone", defaultClone(dataset));
        if (clone.equals(dataset) || clone.startsWith(dataset + "/") || clone.contains("@")) {
            throw new ConfigException(s.locate("clone"), "the clone must be a dataset outside " + dataset
                    + ", found '" + clone + "'");
        }
        Path mount = s.has("mount") ? Path.of(s.string("mount"))
                : mountpoints.apply(dataset).orElse(Path.of("/" + dataset));
        String pool = clone.contains("/") ? clone.substring(0, clone.indexOf('/')) : clone;
        Path cloneMount = s.has("clone_mount") ? Path.of(s.string("clone_mount"))
                : mountpoints.apply(pool).map(p -> clone.equals(pool) ? p : p.resolve(clone.substring(pool.length() + 1)))
                        .orElse(Path.of("/" + clone));
        String prefix = s.string("snapshot_prefix", "");
        if (prefix.contains("@") || prefix.contains("/") || prefix.contains("#")) {
            throw new ConfigException(s.locate("snapshot_prefix"), "a snapshot name prefix cannot contain '@', '/' or"
                    + " '#', found '" + prefix + "'");
        }
        return new ZfsVolume(spec.name(), dataset, mount, clone, cloneMount, prefix,
                s.bool("rsure_snapshot", false), PruneSettings.from(s, "prune", prefix).orElse(null));
    }

    /** {@code POOL/snaps/REST} for {@code POOL/REST}; {@code POOL/snaps/POOL} for a pool's root. */
    static String defaultClone(String dataset) {
        int slash = dataset.indexOf('/');
        return slash < 0 ? dataset + "/snaps/" + dataset
                : dataset.substring(0, slash) + "/snaps" + dataset.substring(slash);
    }

    /** {@code DS@NAME}. */
    public String fullSnapshot(String shortName) {
        return dataset + "@" + shortName;
    }
}
