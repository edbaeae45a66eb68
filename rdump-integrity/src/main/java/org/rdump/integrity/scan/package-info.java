/**
 * The live tree as an asure-2.0 node stream ({@link org.rdump.integrity.scan.TreeScanner}).
 * Status: experimental.
 */
@NullMarked
package org.rdump.integrity.scan;

import org.jspecify.annotations.NullMarked;
