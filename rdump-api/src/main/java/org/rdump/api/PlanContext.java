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

    /**
     * The run's timestamp, the one its steps will see as {@link RunContext#runStamp()}; planning
     * uses it to name snapshots and archives.
     *
     * @return the stamp, {@code yyyyMMdd'T'HHmmss'Z'}; never null
     */
    String runStamp();

    /**
     * The INTEGRITY steps for a tree: update its manifest ({@code 2sure.dat.gz} at the tree
     * root) and, when {@code copyBackTo} is given, copy the updated manifest there (keeping
     * its times and mode). Empty when the volume does not ask for {@code rsure}.
     *
     * @param volume the volume being planned; never null
     * @param tree the frozen tree (snapshot mount, clone, or the live mount for simple volumes);
     *     never null
     * @param copyBackTo the live volume's root, or null
     * @return the steps in order; never null, empty when the volume keeps no manifest
     */
    List<Step> integritySteps(VolumeSpec volume, Path tree, @Nullable Path copyBackTo);

    /**
     * The BACKUP (and MIRROR) steps of every tool the volume's actions name, on {@code source}:
     * each tool's {@link BackupTool#steps}, with its retention after a successful backup.
     *
     * @param volume the volume being planned; never null
     * @param source the frozen tree the tools copy; never null
     * @return the steps in order; never null, empty when the volume names no tool
     */
    List<Step> backupSteps(VolumeSpec volume, Path source);

    /**
     * What the ledger says must survive pruning {@code destination}'s backups of {@code volume}
     * with {@code keep_verified} (the default): the newest backup of that volume and destination
     * proven restorable by a full test restore, with its reason; or, when the ledger cannot be
     * read, {@link PruneProtection#skipping} (pruning must not delete more because the proof is
     * unknown). {@link PruneProtection#NONE} when nothing is proven. The default protects nothing
     * (planning without a ledger, as in unit tests).
     *
     * @param volume the volume's name; never null
     * @param destination the tool instance's name (the ledger's destination); never null
     * @return what must survive; never null
     * @since 0.5
     */
    default PruneProtection proofs(String volume, String destination) {
        return PruneProtection.NONE;
    }

    /**
     * Runs read-only queries while planning (e.g. {@code zfs get mountpoint}, to default a path
     * to what the system says), also for a dry run. The only thing a strategy may run while it
     * plans; it must change nothing through it, and must plan on (with a documented fallback)
     * when a query fails: the pre-flight check then reports the problem. The default refuses
     * every command (planning without a system, as in unit tests).
     *
     * @return the runner for read-only queries; never null
     * @since 0.2
     */
    default org.rdump.api.command.CommandRunner queryRunner() {
        return NO_QUERIES;
    }

    /** A runner that refuses every command: "no queries while planning here". */
    org.rdump.api.command.CommandRunner NO_QUERIES = new org.rdump.api.command.CommandRunner() {
        @Override
        public org.rdump.api.command.CommandResult run(org.rdump.api.command.Command command,
                org.rdump.api.command.LineListener stdout, org.rdump.api.command.LineListener stderr) {
            throw new org.rdump.api.command.CommandFailedException(command.toString(), -1, "",
                    "no queries can run while planning here");
        }

        @Override
        public org.rdump.api.command.RunningCommand start(org.rdump.api.command.Command command) {
            throw new org.rdump.api.command.CommandFailedException(command.toString(), -1, "",
                    "no queries can run while planning here");
        }

        @Override
        public boolean executes() {
            return false;
        }
    };

    /**
     * The snapshot provider with this id, for a strategy that drives any provider (the generic
     * {@code snapshots:} volumes).
     *
     * @param id the provider's {@link Plugin#id()}, as configured; never null
     * @return the provider; never null
     * @throws PluginException listing the known ids when none has it
     */
    SnapshotProvider snapshotProvider(String id);
}
