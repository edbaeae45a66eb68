/** rdump-core. Status: experimental. */
@NullMarked
package org.rdump.core;

import org.jspecify.annotations.NullMarked;
