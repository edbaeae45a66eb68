/** rdump-integrity. Status: experimental. */
@NullMarked
package org.rdump.integrity;

import org.jspecify.annotations.NullMarked;
