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
    public Backup {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(archive, "archive");
    }

    /** The run stamp, the backup's identity in every destination. */
    public String stamp() {
        return archive.stamp();
    }

    public Instant time() {
        return archive.time();
    }

    /**
     * Where it is: the tool's {@code where} detail (a snapshot on another host,
     * {@code HOST:DATASET@NAME}), else the copy's directory, else the tool's own name for it (a
     * borg archive, a local snapshot).
     */
    public String where() {
        String where = archive.details().get("where");
        if (where != null) {
            return where;
        }
        String path = archive.details().get("path");
        return path != null ? path : archive.id();
    }

    /** Its size in bytes as the tool reports it ({@link ArchiveInfo#size()}), or -1 when the tool does not tell. */
    public long size() {
        return archive.size().orElse(-1);
    }
}
