package org.rdump.core.status;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.core.ledger.BackupRecord;
import org.rdump.core.ledger.SampleCycle;
import org.rdump.core.ledger.VerificationRecord;

/**
 * One destination of one volume, as the ledger knows it. Immutable.
 *
 * @param destination the tool instance's name
 * @param lastSuccess the newest successful backup to it, or null
 * @param lastAttempt the newest backup attempted (successful or not), or null
 * @param lastTestRestore the newest full test restore from it, or null
 * @param newestProven the test restore that proved its newest backup restorable, or null
 * @param lastSample the newest sampled check from it ({@code verify --sample}, any verdict), or null
 * @param cycle the newest cycle of sampled checks (complete or not), or null when never sampled
 * @param lastCovered the newest complete cycle: when it was last fully covered by samples, or null
 */
public record DestinationStatus(String destination, @Nullable BackupRecord lastSuccess,
                                @Nullable BackupRecord lastAttempt, @Nullable VerificationRecord lastTestRestore,
                                @Nullable VerificationRecord newestProven, @Nullable VerificationRecord lastSample,
                                @Nullable SampleCycle cycle, @Nullable SampleCycle lastCovered) {
    /**
     * Checks the destination; every other component may be null.
     *
     * @param destination the tool instance's name
     * @param lastSuccess the newest successful backup to it, or null
     * @param lastAttempt the newest backup attempted (successful or not), or null
     * @param lastTestRestore the newest full test restore from it, or null
     * @param newestProven the test restore that proved its newest backup restorable, or null
     * @param lastSample the newest sampled check from it ({@code verify --sample}, any verdict), or null
     * @param cycle the newest cycle of sampled checks (complete or not), or null when never sampled
     * @param lastCovered the newest complete cycle: when it was last fully covered by samples, or null
     * @throws NullPointerException if {@code destination} is null
     */
    public DestinationStatus {
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * A destination never sampled: no sampled check and no cycle.
     *
     * @param destination the tool instance name
     * @param lastSuccess its newest successful backup, or null when none
     * @param lastAttempt its newest backup attempt, successful or not, or null when none
     * @param lastTestRestore its newest full test restore, or null when none
     * @param newestProven the check that proved its newest restorable backup, or null when none
     * @throws NullPointerException if {@code destination} is null
     */
    public DestinationStatus(String destination, @Nullable BackupRecord lastSuccess,
                             @Nullable BackupRecord lastAttempt, @Nullable VerificationRecord lastTestRestore,
                             @Nullable VerificationRecord newestProven) {
        this(destination, lastSuccess, lastAttempt, lastTestRestore, newestProven, null, null, null);
    }
}
