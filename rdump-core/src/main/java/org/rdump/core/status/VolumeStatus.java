package org.rdump.core.status;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.core.ledger.VerificationRecord;
import org.rdump.core.ledger.VolumeOutcome;

/**
 * One volume's state and its judgement. Immutable.
 *
 * @param volume the volume
 * @param destinations each destination it backs up to (config order, then others the ledger knows)
 * @param lastBackupRun its outcome in the newest finished backup run, or null when none
 * @param lastFailure its newest failed or interrupted run (of any kind), or null
 * @param newestProven the check that proved its newest backup restorable, in any destination, or null
 * @param thresholds what it was judged by
 * @param state the judgement
 * @param problems why it is not OK, worst first; empty when OK
 */
public record VolumeStatus(String volume, List<DestinationStatus> destinations, @Nullable VolumeOutcome lastBackupRun,
                           @Nullable VolumeOutcome lastFailure, @Nullable VerificationRecord newestProven,
                           StatusThresholds thresholds, State state, List<String> problems) {
    /**
     * Checks the components and copies the lists.
     *
     * @param volume the volume
     * @param destinations each destination it backs up to (config order, then others the ledger knows)
     * @param lastBackupRun its outcome in the newest finished backup run, or null when none
     * @param lastFailure its newest failed or interrupted run (of any kind), or null
     * @param newestProven the check that proved its newest backup restorable, in any destination, or null
     * @param thresholds what it was judged by
     * @param state the judgement
     * @param problems why it is not OK, worst first; empty when OK
     * @throws NullPointerException if {@code volume}, {@code destinations}, {@code thresholds},
     *     {@code state} or {@code problems} is null
     */
    public VolumeStatus {
        Objects.requireNonNull(volume, "volume");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(state, "state");
        problems = List.copyOf(problems);
    }
}
