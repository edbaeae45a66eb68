/**
 * {@code rdump status}: each volume's state read from the ledger (last backup per destination,
 * last failure, newest backup proven restorable) and its judgement for monitoring systems
 * ({@link org.rdump.core.status.StatusCheck}: exit codes and perfdata of the monitoring-plugins
 * convention).
 */
@NullMarked
package org.rdump.core.status;

import org.jspecify.annotations.NullMarked;
