/** rdump-zfs. Status: experimental. */
@NullMarked
package org.rdump.zfs;

import org.jspecify.annotations.NullMarked;
