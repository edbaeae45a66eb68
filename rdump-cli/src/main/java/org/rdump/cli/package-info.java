/**
 * The {@code rdump} command line (picocli): {@code backup}, {@code verify}, {@code plugins},
 * {@code check-config}, {@code sure}, {@code zfs}; exit codes in {@link org.rdump.cli.ExitCode}.
 * Status: experimental.
 */
@NullMarked
package org.rdump.cli;

import org.jspecify.annotations.NullMarked;
