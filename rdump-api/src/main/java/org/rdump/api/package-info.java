/**
 * The rdump SPI: the four extension points ({@link org.rdump.api.Strategy},
 * {@link org.rdump.api.SnapshotProvider}, {@link org.rdump.api.BackupTool},
 * {@link org.rdump.api.IntegrityStore}), the {@link org.rdump.api.Step} they produce, the
 * {@link org.rdump.api.RunContext} steps run in, and the one exception family
 * rooted at {@link org.rdump.api.RdumpException}.
 *
 * <p>Status: stable since 0.1. Plugins depend on this module only. Core finds
 * implementations with {@link java.util.ServiceLoader} ({@code META-INF/services}).
 *
 * <p>Every parameter and return value in this package is non-null unless marked
 * {@code @Nullable}; absent values are returned as {@link java.util.Optional}, never null.
 */
@NullMarked
package org.rdump.api;

import org.jspecify.annotations.NullMarked;
