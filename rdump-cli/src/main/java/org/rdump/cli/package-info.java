/** rdump-cli. Status: experimental. */
@NullMarked
package org.rdump.cli;

import org.jspecify.annotations.NullMarked;
