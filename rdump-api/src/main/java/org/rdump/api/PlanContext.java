package org.rdump.api;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Strategy} may ask of core while planning: the steps that every strategy shares.
 * Implemented by core.
 *
 * @since 0.1
 */
public interface PlanContext {

    /** The run's timestamp (see {@link RunContext#runStamp()}). */
    String runStamp();

    /**
     * The INTEGRITY steps for a tree: update its manifest ({@code 2sure.dat.gz} at the tree
     * root) and, when {@code copyBackTo} is given, copy the updated manifest there (keeping
     * its times and mode). Empty when the volume does not ask for {@code rsure}.
     *
     * @param tree the frozen tree (snapshot mount, clone, or the live mount for simple volumes)
     * @param copyBackTo the live volume's root, or null
     */
    List<Step> integritySteps(VolumeSpec volume, Path tree, @Nullable Path copyBackTo);

    /** The BACKUP (and MIRROR) steps of every tool the volume's actions name, on {@code source}. */
    List<Step> backupSteps(VolumeSpec volume, Path source);

    /**
     * The snapshot provider with this id.
     *
     * @throws PluginException listing the known ids when none has it
     */
    SnapshotProvider snapshotProvider(String id);
}
