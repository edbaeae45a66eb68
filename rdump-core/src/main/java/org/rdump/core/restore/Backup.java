package org.rdump.core.restore;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.ToolTarget;

/**
 * One backup of a volume in one destination, as {@code rdump list} shows it. Immutable.
 *
 * @param volume the volume; never null
 * @param target the configured tool instance holding it; never null
 * @param archive what the tool says about it; never null
 * @param manifest the manifest version that travelled inside it ({@code N 'NAME'}), when it
 *     could be read cheaply (a copy on disk); else null
 * @since 0.4
 */
public record Backup(String volume, ToolTarget target, ArchiveInfo archive, @Nullable String manifest) {
    /**
     * Checks the components.
     *
     * @param volume the volume's name
     * @param target the configured tool instance holding the backup
     * @param archive what the tool says about it
     * @param manifest the manifest version inside it ({@code N 'NAME'}), or null when not read
     * @throws NullPointerException if {@code volume}, {@code target} or {@code archive} is null
     */
    public Backup {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(archive, "archive");
    }

    /**
     * The run stamp, the backup's identity in every destination.
     *
     * @return {@link ArchiveInfo#stamp()}; never null
     */
    public String stamp() {
        return archive.stamp();
    }

    /**
     * When the backup was made, as its tool reports it; {@link Backups#list} sorts by it.
     *
     * @return never null
     */
    public Instant time() {
        return archive.time();
    }

    /**
     * Where it is: the tool's {@code where} detail (a snapshot on another host,
     * {@code HOST:DATASET@NAME}), else the copy's directory, else the tool's own name for it (a
     * borg archive, a local snapshot).
     *
     * @return never null
     */
    public String where() {
        String where = archive.details().get("where");
        if (where != null) {
            return where;
        }
        String path = archive.details().get("path");
        return path != null ? path : archive.id();
    }

    /**
     * Its size as the tool reports it ({@link ArchiveInfo#size()}).
     *
     * @return bytes, or -1 when unknown (some tools tell it only when asked:
     *     {@link Backups#list(org.rdump.api.VolumeSpec, java.util.List, org.rdump.api.RunContext, boolean)})
     */
    public long size() {
        return archive.size().orElse(-1);
    }
}
