/**
 * Test restores: a {@link org.rdump.core.verify.VerifyStep} restores one backup of one volume
 * (borg extract into a scratch directory, or an rsync copy read in place), compares it with the
 * manifest that travelled inside that backup ({@code 2sure.dat.gz} at the restored root, its
 * latest version being the one written for that backup), and fails on any difference.
 * Status: experimental.
 */
@NullMarked
package org.rdump.core.verify;

import org.jspecify.annotations.NullMarked;
