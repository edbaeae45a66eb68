/** rdump-lvm. Status: experimental. */
@NullMarked
package org.rdump.lvm;

import org.jspecify.annotations.NullMarked;
