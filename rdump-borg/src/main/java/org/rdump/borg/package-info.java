/** rdump-borg. Status: experimental. */
@NullMarked
package org.rdump.borg;

import org.jspecify.annotations.NullMarked;
