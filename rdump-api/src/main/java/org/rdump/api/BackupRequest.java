package org.rdump.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to back up, with which tool instance, under which name. Immutable.
 *
 * @param target the configured tool instance; never null
 * @param volume the volume's name; never null
 * @param source the frozen tree to copy (snapshot mount, clone, live mount); never null
 * @param archiveName {@code <volume>-<run stamp>}, as the original rdump names archives; never null
 * @since 0.1
 */
public record BackupRequest(ToolTarget target, String volume, Path source, String archiveName) {
    /**
     * Checks the components.
     *
     * @param target the configured tool instance; never null
     * @param volume the volume's name; never null
     * @param source the frozen tree to copy (snapshot mount, clone, live mount); never null
     * @param archiveName {@code <volume>-<run stamp>}, as the original rdump names archives; never null
     * @throws NullPointerException if any component is null
     */
    public BackupRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(archiveName, "archiveName");
    }

    /**
     * The run stamp in {@link #archiveName()}: what follows {@code <volume>-}, or the whole name
     * when it does not start so.
     *
     * @return never null
     * @since 0.4
     */
    public String runStamp() {
        return archiveName.startsWith(volume + "-") ? archiveName.substring(volume.length() + 1) : archiveName;
    }
}
