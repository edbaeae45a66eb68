package org.rdump.core.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.IntegrityStore;
import org.rdump.api.support.RestorePaths;

/**
 * What {@code rdump restore} is asked to do. Immutable.
 *
 * @param volume the configured volume; never null
 * @param to the directory to restore into (made absolute); null exactly when {@code inPlace}
 * @param tool the tool instance to restore from, or null for any
 * @param archive the backup by run stamp or a tool's own name, or null
 * @param at the newest backup at or before this time, or null (not with {@code archive})
 * @param paths the paths to restore, relative to the volume's root, normalized; empty for all
 * @param overwrite whether a non-empty {@code to} may be written into (not with {@code inPlace})
 * @param inPlace restore into the live tree the volume backs up ({@link org.rdump.api.Strategy#liveTree})
 * @param delete with {@code inPlace}: delete what the live tree holds (under {@code paths}) that
 *     the backup does not
 * @param image write the backup's raw file-system image to {@code to} (a new file or a block
 *     device) instead of its files, for a tool whose backups are images
 *     ({@link org.rdump.api.BackupTool#restoresImage}); only with {@code to}, no paths (since 0.6)
 * @since 0.4
 */
public record RestoreRequest(String volume, @Nullable Path to, @Nullable String tool, @Nullable String archive,
                             @Nullable Instant at, List<String> paths, boolean overwrite, boolean inPlace,
                             boolean delete, boolean image) {
    /**
     * Checks the request and normalizes {@code to} and {@code paths}.
     *
     * @param volume the configured volume
     * @param to the directory to restore into; null exactly when {@code inPlace}
     * @param tool the tool instance to restore from, or null for any
     * @param archive the backup by run stamp or a tool's own name, or null
     * @param at the newest backup at or before this time, or null
     * @param paths the paths to restore, relative to the volume's root; empty for all; never null
     * @param overwrite whether a non-empty {@code to} may be written into
     * @param inPlace restore into the live tree the volume backs up
     * @param delete with {@code inPlace}: delete what the backup does not hold
     * @param image write the raw image to {@code to} instead of files
     * @throws NullPointerException if {@code volume} or {@code paths} is null
     * @throws IllegalArgumentException for a bad path (see {@link RestorePaths#check}), both
     *     archive and at, neither or both of {@code to} and {@code inPlace}, {@code delete} or
     *     {@code overwrite} with the wrong one, or an in-place path naming the manifest
     */
    public RestoreRequest {
        Objects.requireNonNull(volume, "volume");
        if (inPlace == (to != null)) {
            throw new IllegalArgumentException(inPlace ? "give --to DIR or --in-place, not both"
                    : "give --to DIR (or --in-place to restore into the live volume)");
        }
        to = to == null ? null : to.toAbsolutePath().normalize();
        paths = paths.stream().map(RestorePaths::check).distinct().toList();
        if (archive != null && at != null) {
            throw new IllegalArgumentException("give --archive or --at, not both");
        }
        if (delete && !inPlace) {
            throw new IllegalArgumentException("--delete only goes with --in-place (a --to restore never deletes)");
        }
        if (overwrite && inPlace) {
            throw new IllegalArgumentException("--overwrite only goes with --to (--in-place always writes into the"
                    + " live volume)");
        }
        if (image && (inPlace || overwrite || !paths.isEmpty())) {
            throw new IllegalArgumentException("--image writes a whole image to --to FILE|DEVICE: it takes no --path,"
                    + " --in-place or --overwrite");
        }
        if (inPlace) {
            for (String p : paths) {
                if (p.startsWith("2sure.")) {
                    throw new IllegalArgumentException("restore path '" + p + "': an in-place restore never replaces"
                            + " the live volume's manifest (" + IntegrityStore.DEFAULT_MANIFEST + " keeps every"
                            + " version, the restored one among them); restore it with --to DIR");
                }
            }
        }
    }

    /**
     * A restore into {@code to}, as before {@code --in-place} existed.
     *
     * @param volume the configured volume
     * @param to the directory to restore into; never null
     * @param tool the tool instance to restore from, or null for any
     * @param archive the backup by run stamp or a tool's own name, or null
     * @param at the newest backup at or before this time, or null
     * @param paths the paths to restore, relative to the volume's root; empty for all; never null
     * @param overwrite whether a non-empty {@code to} may be written into
     * @throws NullPointerException if {@code volume}, {@code to} or {@code paths} is null
     * @throws IllegalArgumentException for a bad path, or both {@code archive} and {@code at}
     */
    public RestoreRequest(String volume, Path to, @Nullable String tool, @Nullable String archive,
                          @Nullable Instant at, List<String> paths, boolean overwrite) {
        this(volume, Objects.requireNonNull(to, "to"), tool, archive, at, paths, overwrite, false, false, false);
    }

    /**
     * A restore of files or in place, as before {@code --image} existed.
     *
     * @param volume the configured volume
     * @param to the directory to restore into; null exactly when {@code inPlace}
     * @param tool the tool instance to restore from, or null for any
     * @param archive the backup by run stamp or a tool's own name, or null
     * @param at the newest backup at or before this time, or null
     * @param paths the paths to restore, relative to the volume's root; empty for all; never null
     * @param overwrite whether a non-empty {@code to} may be written into
     * @param inPlace restore into the live tree the volume backs up
     * @param delete with {@code inPlace}: delete what the backup does not hold
     * @throws IllegalArgumentException as the canonical constructor
     */
    public RestoreRequest(String volume, @Nullable Path to, @Nullable String tool, @Nullable String archive,
                          @Nullable Instant at, List<String> paths, boolean overwrite, boolean inPlace,
                          boolean delete) {
        this(volume, to, tool, archive, at, paths, overwrite, inPlace, delete, false);
    }

    /**
     * A restore into the live tree of {@code volume} ({@code rdump restore --in-place [--delete]}).
     *
     * @param volume the configured volume
     * @param tool the tool instance to restore from, or null for any
     * @param archive the backup by run stamp or a tool's own name, or null
     * @param at the newest backup at or before this time, or null
     * @param paths the paths to restore, relative to the volume's root; empty for all; never null
     * @param delete whether to delete what the live tree holds (under {@code paths}) that the backup does not
     * @return the request; never null
     * @throws IllegalArgumentException for a bad path, a path naming the manifest, or both
     *     {@code archive} and {@code at}
     */
    public static RestoreRequest inPlace(String volume, @Nullable String tool, @Nullable String archive,
                                         @Nullable Instant at, List<String> paths, boolean delete) {
        return new RestoreRequest(volume, null, tool, archive, at, paths, false, true, delete, false);
    }
}
