package org.rdump.core.restore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.rdump.api.IntegrityReport;

/**
 * What a restore did and what its check found. Immutable.
 *
 * @param backup the backup restored from; never null
 * @param target the directory restored into; never null
 * @param paths the paths restored, relative to the volume's root, globs expanded; empty for all
 * @param restored the entries (files, directories, links, ...) restored at or under {@code paths}
 *     (all of the target for a full restore), counted on disk after the restore; for an
 *     in-place restore the number of {@code changes}
 * @param checked the entries of the manifest version the restored files were checked against, at
 *     or under {@code paths} (the manifest does not list itself)
 * @param manifestVersion that version, as {@code N 'NAME'}; never null
 * @param verdict whether everything checked matches; never null
 * @param differences what differs, paths relative to the volume's root; empty when it matches
 *     (an in-place restore without {@code --delete}: entries the backup does not hold are no difference)
 * @param changes for an in-place restore, what it changed (or, when the staged restore
 *     differed, nothing) in the live tree, which {@code target} is; empty otherwise
 * @since 0.4
 */
public record RestoreResult(Backup backup, Path target, List<String> paths, long restored, long checked,
                            String manifestVersion, Verdict verdict, IntegrityReport differences,
                            List<LiveChange> changes) {
    /**
     * The result of a restore into a directory: no changes to a live tree.
     *
     * @param backup the backup restored from
     * @param target the directory restored into
     * @param paths the paths restored; empty for all
     * @param restored the entries restored, counted on disk
     * @param checked the manifest entries checked against
     * @param manifestVersion that version, as {@code N 'NAME'}
     * @param verdict whether everything checked matches
     * @param differences what differs; empty when it matches
     * @throws NullPointerException if a component but a count is null
     */
    public RestoreResult(Backup backup, Path target, List<String> paths, long restored, long checked,
                         String manifestVersion, Verdict verdict, IntegrityReport differences) {
        this(backup, target, paths, restored, checked, manifestVersion, verdict, differences, List.of());
    }

    /**
     * Checks the components and copies the lists.
     *
     * @param backup the backup restored from
     * @param target the directory restored into
     * @param paths the paths restored; empty for all
     * @param restored the entries restored, counted on disk
     * @param checked the manifest entries checked against
     * @param manifestVersion that version, as {@code N 'NAME'}
     * @param verdict whether everything checked matches
     * @param differences what differs; empty when it matches
     * @param changes the live-tree changes of an in-place restore; empty otherwise
     * @throws NullPointerException if a component but a count is null
     */
    public RestoreResult {
        changes = List.copyOf(changes);
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(target, "target");
        paths = List.copyOf(paths);
        Objects.requireNonNull(manifestVersion, "manifestVersion");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(differences, "differences");
    }

    /** The check's verdict. */
    public enum Verdict {
        /** Every restored entry matches the manifest. */
        MATCHES,
        /** Something restored differs from the manifest, or is missing ({@link #differences()}). */
        DIFFERS
    }
}
