package org.rdump.api;

import java.util.List;
import java.util.Objects;

/**
 * What a backup produced. Immutable.
 *
 * @param archive the archive made (borg archive name, rsync dated copy)
 * @param files files copied or examined, -1 when the tool does not say
 * @param bytes bytes copied or examined, -1 when the tool does not say
 * @param warnings warnings that did not fail the backup (rsync exit 24, borg rc 1)
 * @since 0.1
 */
public record BackupResult(ArchiveInfo archive, long files, long bytes, List<String> warnings) {
    public BackupResult {
        Objects.requireNonNull(archive, "archive");
        warnings = List.copyOf(warnings);
    }
}
