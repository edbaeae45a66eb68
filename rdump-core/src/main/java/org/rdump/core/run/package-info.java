/**
 * Running a plan: {@link org.rdump.core.run.StepRunner} performs steps in order and, on a
 * failure or an interrupt, cleans up every performed step in reverse order
 * ({@link org.rdump.core.run.CleanupStack}); a cleanup that fails is reported and the others
 * still run. {@link org.rdump.core.run.ShutdownGuard} turns SIGINT/SIGTERM into an interrupt of
 * the running thread and waits for the cleanups. {@link org.rdump.core.run.RunLocks} keeps runs of
 * one configuration one at a time, whatever path reaches it, and keeps two runs off one resource. Status: experimental.
 */
@NullMarked
package org.rdump.core.run;

import org.jspecify.annotations.NullMarked;
