/**
 * Planning a run: each selected volume's {@link org.rdump.api.Strategy} turns it into steps,
 * and the {@link org.rdump.core.plan.Planner} groups the steps of all volumes by
 * {@link org.rdump.api.Phase} (stable within a phase), as the original rdump does, so that the
 * snapshots of all volumes are taken close together. The shared steps (the {@code snapstamp}
 * file, the manifest update and its copy back to the live volume, the backups, the test
 * restores) are built here. Status: experimental.
 */
@NullMarked
package org.rdump.core.plan;

import org.jspecify.annotations.NullMarked;
