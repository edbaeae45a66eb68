/**
 * The {@code simple} strategy: volumes with no snapshot, such as {@code /boot}, that stay
 * quiescent during the backup. Status: experimental.
 */
@NullMarked
package org.rdump.core.simple;

import org.jspecify.annotations.NullMarked;
