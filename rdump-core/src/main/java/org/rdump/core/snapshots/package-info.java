/**
 * The {@code snapshots:} volume section: any {@link org.rdump.api.SnapshotProvider} (built in or
 * from a plugin jar) driven through the same phases as the {@code lvm} and {@code zfs-volumes}
 * strategies — snapshot, optional mount, manifest, backups, cleanup — with journal records for
 * the snapshot and the mount, core's guards and resource locks. Status: experimental.
 */
@NullMarked
package org.rdump.core.snapshots;

import org.jspecify.annotations.NullMarked;
