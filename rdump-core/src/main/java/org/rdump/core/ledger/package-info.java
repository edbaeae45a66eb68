/**
 * The ledger: every run, every backup and every test restore or restore check, kept in an
 * SQLite file beside the configuration's lock ({@link org.rdump.core.ledger.Ledger}), filled from
 * a run by one adapter ({@link org.rdump.core.ledger.LedgerRecorder}), read by {@code rdump
 * status}, {@code rdump list} and the metrics file.
 */
@NullMarked
package org.rdump.core.ledger;

import org.jspecify.annotations.NullMarked;
