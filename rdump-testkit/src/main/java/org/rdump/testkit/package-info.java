/**
 * What every rdump plugin's tests share: {@link org.rdump.testkit.RequiredTools} (skip without a
 * real program, fail instead under {@code CI=true}), {@link org.rdump.testkit.TestRunContext},
 * and the SPI contract suites. Status: experimental.
 */
@NullMarked
package org.rdump.testkit;

import org.jspecify.annotations.NullMarked;
