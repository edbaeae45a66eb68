package org.rdump.api;

import java.util.List;
import java.util.Objects;

/**
 * What a backup produced. Immutable.
 *
 * @param archive the archive made (borg archive name, rsync dated copy)
 * @param files files counted as {@code counted} says, -1 when the tool does not say
 * @param bytes bytes counted as {@code counted} says, -1 when the tool does not say
 * @param warnings warnings that did not fail the backup (rsync exit 24, borg rc 1)
 * @param counted what {@code files} and {@code bytes} count
 * @since 0.1
 */
public record BackupResult(ArchiveInfo archive, long files, long bytes, List<String> warnings, Counted counted) {
    /** What a backup's figures count. */
    public enum Counted {
        /** Everything the backup holds (borg: the archive's files and original size). */
        TOTAL,
        /** Only what this run transferred (rsync: the files it copied, not those hard-linked or unchanged). */
        TRANSFERRED
    }

    /**
     * Checks the components and copies {@code warnings}.
     *
     * @param archive the archive made (borg archive name, rsync dated copy)
     * @param files files counted as {@code counted} says, -1 when the tool does not say
     * @param bytes bytes counted as {@code counted} says, -1 when the tool does not say
     * @param warnings warnings that did not fail the backup (rsync exit 24, borg rc 1)
     * @param counted what {@code files} and {@code bytes} count
     * @throws NullPointerException if {@code archive}, {@code warnings} or {@code counted} is null
     */
    public BackupResult {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(counted, "counted");
        warnings = List.copyOf(warnings);
    }

    /**
     * A result whose figures are the whole backup's ({@link Counted#TOTAL}).
     *
     * @param archive the archive made; never null
     * @param files the files the backup holds, -1 when the tool does not say
     * @param bytes the bytes the backup holds, -1 when the tool does not say
     * @param warnings warnings that did not fail the backup; copied
     * @throws NullPointerException if {@code archive} or {@code warnings} is null
     */
    public BackupResult(ArchiveInfo archive, long files, long bytes, List<String> warnings) {
        this(archive, files, bytes, warnings, Counted.TOTAL);
    }
}
