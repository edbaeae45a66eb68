package org.rdump.core.status;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.core.ledger.BackupRecord;
import org.rdump.core.ledger.VerificationRecord;

/**
 * One destination of one volume, as the ledger knows it. Immutable.
 *
 * @param destination the tool instance's name
 * @param lastSuccess the newest successful backup to it, or null
 * @param lastAttempt the newest backup attempted (successful or not), or null
 * @param lastTestRestore the newest full test restore from it, or null
 * @param newestProven the test restore that proved its newest backup restorable, or null
 */
public record DestinationStatus(String destination, @Nullable BackupRecord lastSuccess,
                                @Nullable BackupRecord lastAttempt, @Nullable VerificationRecord lastTestRestore,
                                @Nullable VerificationRecord newestProven) {
    public DestinationStatus {
        Objects.requireNonNull(destination, "destination");
    }
}
