package org.rdump.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A backup made readable for a test restore. Immutable.
 *
 * @param root the root of the restored tree (its manifest is {@code root/2sure.dat.gz}); never null
 * @param inScratch true when rdump extracted it into a scratch directory that the caller
 *     deletes; false when it is read in place (an rsync mirror)
 * @since 0.1
 */
public record RestoredTree(Path root, boolean inScratch) {
    /**
     * Checks the root.
     *
     * @param root the root of the restored tree (its manifest is {@code root/2sure.dat.gz}); never null
     * @param inScratch true when rdump extracted it into a scratch directory that the caller deletes; false when it is read in place (an rsync mirror)
     * @throws NullPointerException if {@code root} is null
     */
    public RestoredTree {
        Objects.requireNonNull(root, "root");
    }
}
