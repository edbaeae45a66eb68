/**
 * Command runners that wrap another runner, as restic wraps backends: sudo (with the original
 * rdump's keep-alive of the sudo timestamp), ssh (a remote host, with argument quoting done once,
 * here), and dry run (records and shows each command instead of running it). Status:
 * experimental.
 */
@NullMarked
package org.rdump.core.command;

import org.jspecify.annotations.NullMarked;
