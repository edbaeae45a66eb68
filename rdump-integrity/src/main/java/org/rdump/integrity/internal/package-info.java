/** Helpers shared by rdump-integrity's packages; internal, not a supported API. */
@NullMarked
package org.rdump.integrity.internal;

import org.jspecify.annotations.NullMarked;
