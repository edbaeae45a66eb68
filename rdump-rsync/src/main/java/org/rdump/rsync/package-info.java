/** rdump-rsync. Status: experimental. */
@NullMarked
package org.rdump.rsync;

import org.jspecify.annotations.NullMarked;
