/**
 * Walks two node streams side by side ({@link org.rdump.integrity.compare.TreeMerge}) and reports
 * their differences as rsure does ({@link org.rdump.integrity.compare.Checker}). Status:
 * experimental.
 */
@NullMarked
package org.rdump.integrity.compare;

import org.jspecify.annotations.NullMarked;
