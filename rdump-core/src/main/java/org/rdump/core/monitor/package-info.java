/**
 * What a run tells the outside world when it ends: the Prometheus textfile-collector file
 * ({@link org.rdump.core.monitor.MetricsFile}) and health-check pings
 * ({@link org.rdump.core.monitor.Pinger}).
 */
@NullMarked
package org.rdump.core.monitor;

import org.jspecify.annotations.NullMarked;
