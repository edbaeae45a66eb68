/**
 * SHA-1 of regular files on several threads, with results delivered in submission order and
 * bounded memory ({@link org.rdump.integrity.hash.ParallelHasher}). Status: experimental.
 */
@NullMarked
package org.rdump.integrity.hash;

import org.jspecify.annotations.NullMarked;
