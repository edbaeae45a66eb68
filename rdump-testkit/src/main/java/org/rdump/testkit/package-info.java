/**
 * What every rdump plugin's tests share: {@link org.rdump.testkit.RequiredTools} (skip without a
 * real program, fail instead under {@code CI=true}), {@link org.rdump.testkit.TestRunContext},
 * {@link org.rdump.testkit.StandInPrograms} (recording stand-ins for programs the machine cannot
 * run, such as LVM without device-mapper), and the SPI contract suites
 * ({@link org.rdump.testkit.SnapshotProviderContract}). Status: experimental.
 */
@NullMarked
package org.rdump.testkit;

import org.jspecify.annotations.NullMarked;
