/**
 * Source guards (experimental): checks that stop a volume's backup, and its retention, when its
 * tree is not what it should be: the live mount is not a mount point ({@code mountpoint: true}),
 * the tree is empty, or its new manifest lost more than {@code max_shrink} of the files or bytes
 * of the previous version ({@code --allow-shrink VOLUME} lets one run through).
 *
 * <p>A failed guard fails its volume: the runner skips the volume's later steps, retention
 * included. The failure is also recorded in {@link org.rdump.core.guard.GuardState}, beside the
 * configuration's lock, so that later runs keep the newest backup made before it
 * ({@link org.rdump.api.PruneProtection}) and compare the shrink with the figures from before it;
 * see {@link org.rdump.core.guard.GuardState} for when a record is cleared and why that is safe.
 */
@NullMarked
package org.rdump.core.guard;

import org.jspecify.annotations.NullMarked;
